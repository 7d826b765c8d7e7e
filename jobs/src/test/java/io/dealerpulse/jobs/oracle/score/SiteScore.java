package io.dealerpulse.jobs.oracle.score;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A site's score as of an instant: the five components, the weighted score (null when no component
 * has data), its tier and the trend of its local date. {@link #fields()} gives the stored fields of
 * {@code site_score} / {@code site_score_daily} with the contract's types.
 */
public record SiteScore(List<Component> components, Double score, Tier tier, String trend) {
    public static final List<String> COMPONENT_NAMES =
            List.of("satisfaction", "waiting", "staffing", "appointments", "feedback");

    public Component component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    public boolean valid() {
        return score != null;
    }

    public SortedMap<String, Object> fields() {
        SortedMap<String, Object> fields = new TreeMap<>();
        fields.put("score", score == null ? 0.0 : score);
        fields.put("score_valid", score != null);
        fields.put("tier", tier.code());
        fields.put("trend", trend);
        long withData = 0;
        for (Component c : components) {
            fields.put(c.name(), c.value());
            fields.put(c.name() + "_valid", c.valid());
            fields.put(c.name() + "_n", c.n());
            withData += c.valid() ? 1 : 0;
        }
        fields.put("components_with_data", withData);
        return fields;
    }

    /** score = 100 · Σ wᵢcᵢ / Σ wᵢ over the components with data; null if none has data. */
    static Double weighted(List<Component> components, ScoreSettings settings) {
        double weighted = 0;
        double weights = 0;
        for (Component c : components) {
            if (c.valid()) {
                double w = weight(c.name(), settings);
                weighted += w * c.value();
                weights += w;
            }
        }
        return weights == 0 ? null : 100.0 * weighted / weights;
    }

    static double weight(String component, ScoreSettings settings) {
        return switch (component) {
            case "satisfaction" -> settings.satisfactionWeight();
            case "waiting" -> settings.waitingWeight();
            case "staffing" -> settings.staffingWeight();
            case "appointments" -> settings.appointmentsWeight();
            case "feedback" -> settings.feedbackWeight();
            default -> throw new IllegalArgumentException("unknown component " + component);
        };
    }
}
