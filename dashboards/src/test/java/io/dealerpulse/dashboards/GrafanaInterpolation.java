package io.dealerpulse.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a panel's or alert rule's raw InfluxQL into the text Grafana's InfluxDB data source sends,
 * following its rules (public/app/plugins/datasource/influxdb, "interpolateQueryExpr"):
 * <ul>
 *   <li>{@code $timeFilter} → {@code time >= <from>ms and time <= <to>ms} (epoch milliseconds);</li>
 *   <li>{@code $__interval} → the interval in Grafana's notation ({@code 15m}, {@code 1h}, {@code 30s}),
 *       {@code $__interval_ms} → milliseconds;</li>
 *   <li>a variable that is neither multi-value nor has "All" → its value as is;</li>
 *   <li>a multi-value or "All" variable → each value regex-escaped; one value alone, several as
 *       {@code (a|b)}; "All" → the custom all value unescaped (e.g. {@code .*}) when the variable
 *       has one, else every option as {@code (a|b|c)}.</li>
 * </ul>
 * Longer variable names are replaced first, so {@code $site} never eats {@code $siteGroup}.
 */
public final class GrafanaInterpolation {
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

    /** A variable's definition (from the dashboard) and the current selection. */
    public record Variable(String name, boolean multi, boolean includeAll, String allValue, List<String> selected,
            boolean allSelected, List<String> options) {
        public static Variable single(String name, String value) {
            return new Variable(name, false, false, null, List.of(value), false, List.of(value));
        }
    }

    private GrafanaInterpolation() {}

    public static String interpolate(String query, Map<String, Variable> variables, Instant from, Instant to,
            Duration interval) {
        String text = query
                .replace("$timeFilter", "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms")
                .replace("${__interval_ms}", Long.toString(interval.toMillis()))
                .replace("$__interval_ms", Long.toString(interval.toMillis()))
                .replace("${__interval}", intervalText(interval))
                .replace("$__interval", intervalText(interval));
        List<Variable> byLength = variables.values().stream()
                .sorted((a, b) -> b.name().length() - a.name().length()).toList();
        for (Variable variable : byLength) {
            String value = Matcher.quoteReplacement(value(variable));
            text = text.replaceAll("\\$\\{" + Pattern.quote(variable.name()) + "}", value)
                    .replaceAll("\\$" + Pattern.quote(variable.name()) + "(?![A-Za-z0-9_])", value);
        }
        return text;
    }

    /** The text Grafana puts in place of the variable in an InfluxQL query. */
    public static String value(Variable variable) {
        if (!variable.multi() && !variable.includeAll()) {
            return variable.selected().get(0);
        }
        if (variable.allSelected() && variable.allValue() != null) {
            return variable.allValue();
        }
        List<String> values = variable.allSelected() ? variable.options() : variable.selected();
        List<String> escaped = values.stream().map(GrafanaInterpolation::regexEscape).toList();
        return escaped.size() == 1 ? escaped.get(0) : escaped.stream().collect(Collectors.joining("|", "(", ")"));
    }

    /** Grafana's kbn.regexEscape. */
    public static String regexEscape(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    /** Grafana's interval notation: the largest unit that divides the interval (ms, s, m, h, d). */
    public static String intervalText(Duration interval) {
        long ms = interval.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
