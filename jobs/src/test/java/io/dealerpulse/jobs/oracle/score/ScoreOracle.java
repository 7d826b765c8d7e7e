package io.dealerpulse.jobs.oracle.score;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.SiteVersions;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult.ExpectedMinute;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The golden batch computation of site scores, daily scores, tiers, trends, tier changes, daily
 * comparisons, ranks and percentiles, written from DESIGN.md ("Score components", "Time and
 * correctness model", "Precise definitions") and docs/score-contract.md only, independently of the
 * Flink operators. Every figure is recomputed from scratch from the site's used events:
 *
 * <ul>
 * <li>live point at T (every whole minute T with first clock &lt; T ≤ final clock; window closes
 *     are whole minutes too): events with event time ≤ T that arrived before the arrival that
 *     brought the site clock to ≥ T — so a late event does not change a minute already passed;</li>
 * <li>daily score of local date D (for every D whose end the site clock passed): the score as of
 *     the next local midnight − 1 ms with every used event, late corrections included;</li>
 * <li>trend of D (and of a live point on D): from the daily scores of D−14…D−1;</li>
 * <li>tier change of D: against the latest earlier day with a daily score, D having one too;
 *     {@code promoted}/{@code dropped} when the tier differs, else {@code trend_changed} when the
 *     trend differs (one point per site and day);</li>
 * <li>comparisons and ranks of D: over the sites with a daily score for D, for every D that every
 *     known site has closed; scopes region, investor group (sites with a group) and country, with
 *     the tags of the registry version in force at the end of D.</li>
 * </ul>
 */
public final class ScoreOracle {
    public static final String SITE_SCORE = "site_score";
    public static final String SITE_SCORE_DAILY = "site_score_daily";
    public static final String TIER_CHANGE = "tier_change";
    public static final String COMPARISON_DAILY = "comparison_daily";
    public static final String SITE_RANK_DAILY = "site_rank_daily";

    private final ScoreSettings settings;
    private final Map<String, SiteHistory> sites;
    private final Map<String, ComponentCalculator> calculators = new TreeMap<>();
    private final Map<String, SortedMap<LocalDate, DailyScore>> dailyBySite = new TreeMap<>();

    private ScoreOracle(List<Arrival> arrivals, OracleOptions options, ScoreSettings settings) {
        this.settings = settings;
        this.sites = ScoreLedger.replay(arrivals, options);
        sites.forEach((id, history) -> calculators.put(id, new ComponentCalculator(history, settings)));
        sites.forEach((id, history) -> dailyBySite.put(id, dailyScores(history)));
    }

    public static ScoreOracle of(List<Arrival> arrivals, OracleOptions options, ScoreSettings settings) {
        return new ScoreOracle(arrivals, options, settings);
    }

    public static ScoreOracleResult compute(List<Arrival> arrivals) {
        return of(arrivals, OracleOptions.DEFAULTS, ScoreSettings.DEFAULTS).result();
    }

    /** A daily score: the version in force at the end of the day, and the score as of then. */
    record DailyScore(LocalDate date, SiteRegistryVersion version, SiteScore score) {}

    /** The live score of a site as of T with every event of time ≤ T that had arrived when its clock reached T. */
    public SiteScore liveScore(String site, Instant t) {
        SiteHistory history = sites.get(site);
        List<Component> components = calculators.get(site).componentsAt(t, history.horizon(t));
        if (components == null) {
            return null;
        }
        LocalDate today = t.atZone(SiteVersions.zone(history.versions.inForceAt(t))).toLocalDate();
        return score(components, trendOf(site, today));
    }

    /** The daily score of a local date, or null when the site's clock never passed its end. */
    public SiteScore dailyScore(String site, LocalDate date) {
        DailyScore daily = dailyBySite.get(site).get(date);
        return daily == null ? null : daily.score();
    }

    public ScoreOracleResult result() {
        List<ExpectedMinute> minutes = new ArrayList<>();
        List<ExpectedPoint> daily = new ArrayList<>();
        List<ExpectedPoint> changes = new ArrayList<>();
        Map<String, Instant> first = new TreeMap<>();
        Map<String, Instant> last = new TreeMap<>();
        for (SiteHistory history : sites.values()) {
            if (!history.hasClock()) {
                continue;
            }
            first.put(history.site, history.firstClock());
            last.put(history.site, history.finalClock());
            minutes.addAll(minutesOf(history));
            for (DailyScore d : dailyBySite.get(history.site).values()) {
                daily.add(new ExpectedPoint(SITE_SCORE_DAILY, localMidnight(d), dailyTags(d), d.score().fields()));
            }
            changes.addAll(tierChanges(dailyBySite.get(history.site)));
        }
        List<ExpectedPoint> comparisons = new ArrayList<>();
        List<ExpectedPoint> ranks = new ArrayList<>();
        comparisonsAndRanks(last, comparisons, ranks);
        return new ScoreOracleResult(minutes, daily, changes, comparisons, ranks, first, last);
    }

    private List<ExpectedMinute> minutesOf(SiteHistory history) {
        List<ExpectedMinute> minutes = new ArrayList<>();
        Map<SiteRegistryVersion, SortedMap<String, String>> tagsByVersion = new IdentityHashMap<>();
        long firstMinute = Math.floorDiv(history.firstClock().toEpochMilli(), 60_000L) + 1;
        long lastMinute = Math.floorDiv(history.finalClock().toEpochMilli(), 60_000L);
        for (long m = firstMinute; m <= lastMinute; m++) {
            Instant t = Instant.ofEpochMilli(m * 60_000L);
            SiteRegistryVersion version = history.versions.inForceAt(t);
            SiteScore score = liveScore(history.site, t);
            if (score != null) {
                minutes.add(new ExpectedMinute(t, tagsByVersion.computeIfAbsent(version, ScoreOracle::tags), score));
            }
        }
        return minutes;
    }

    private SortedMap<LocalDate, DailyScore> dailyScores(SiteHistory history) {
        SortedMap<LocalDate, DailyScore> daily = new TreeMap<>();
        if (!history.hasClock()) {
            return daily;
        }
        SiteRegistryVersion atStart = history.versions.inForceAt(history.firstClock());
        ZoneId zone = SiteVersions.zone(atStart != null ? atStart : history.versions.all().get(0));
        for (LocalDate d = history.firstClock().atZone(zone).toLocalDate();
                !SiteVersions.nextMidnight(d, zone).isAfter(history.finalClock()); d = d.plusDays(1)) {
            Instant lastInstant = SiteVersions.nextMidnight(d, zone).minusMillis(1);
            SiteRegistryVersion version = history.versions.inForceAt(lastInstant);
            List<Component> components = calculators.get(history.site).componentsAt(lastInstant, Long.MAX_VALUE);
            if (version == null || components == null) {
                continue;
            }
            // the trend of D only needs the daily scores of earlier days, already in the map
            daily.put(d, new DailyScore(d, version, score(components, Trend.of(validScores(daily), d, settings))));
        }
        return daily;
    }

    private String trendOf(String site, LocalDate today) {
        SortedMap<LocalDate, Double> before = new TreeMap<>(validScores(dailyBySite.get(site)).headMap(today));
        return Trend.of(before, today, settings);
    }

    private SiteScore score(List<Component> components, String trend) {
        Double score = SiteScore.weighted(components, settings);
        return new SiteScore(components, score, Tier.of(score, settings), trend);
    }

    private static SortedMap<LocalDate, Double> validScores(SortedMap<LocalDate, DailyScore> daily) {
        SortedMap<LocalDate, Double> scores = new TreeMap<>();
        daily.forEach((d, s) -> {
            if (s.score().valid()) {
                scores.put(d, s.score().score());
            }
        });
        return scores;
    }

    private List<ExpectedPoint> tierChanges(SortedMap<LocalDate, DailyScore> daily) {
        List<ExpectedPoint> changes = new ArrayList<>();
        DailyScore previous = null;
        for (DailyScore today : daily.values()) {
            if (!today.score().valid()) {
                continue;
            }
            if (previous != null) {
                Tier from = previous.score().tier();
                Tier to = today.score().tier();
                String fromTrend = previous.score().trend();
                String toTrend = today.score().trend();
                String kind = null;
                String message = null;
                if (to.level() > from.level()) {
                    kind = "promoted";
                    message = "promoted to " + to.title();
                } else if (to.level() < from.level()) {
                    kind = "dropped";
                    message = "dropped to " + to.title();
                } else if (!fromTrend.equals(toTrend)) {
                    kind = "trend_changed";
                    message = toTrend;
                }
                if (kind != null) {
                    SortedMap<String, Object> fields = new TreeMap<>();
                    fields.put("kind", kind);
                    fields.put("from_tier", from.code());
                    fields.put("to_tier", to.code());
                    fields.put("from_trend", fromTrend);
                    fields.put("to_trend", toTrend);
                    fields.put("message", message);
                    changes.add(new ExpectedPoint(TIER_CHANGE, localMidnight(today), dailyTags(today), fields));
                }
            }
            previous = today;
        }
        return changes;
    }

    private void comparisonsAndRanks(Map<String, Instant> finalClocks, List<ExpectedPoint> comparisons,
            List<ExpectedPoint> ranks) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        dailyBySite.values().forEach(d -> dates.addAll(d.keySet()));
        for (LocalDate date : dates) {
            if (!closedByEverySite(date, finalClocks)) {
                continue;
            }
            Map<String, DailyScore> scored = new LinkedHashMap<>();
            dailyBySite.forEach((site, daily) -> {
                DailyScore d = daily.get(date);
                if (d != null && d.score().valid()) {
                    scored.put(site, d);
                }
            });
            Map<String, Map<String, List<Double>>> scopes = new TreeMap<>();
            Map<String, Map<String, List<Tier>>> tiers = new TreeMap<>();
            for (DailyScore d : scored.values()) {
                for (String[] scope : scopesOf(d.version())) {
                    scopes.computeIfAbsent(scope[0], s -> new TreeMap<>()).computeIfAbsent(scope[1], n -> new ArrayList<>())
                            .add(d.score().score());
                    tiers.computeIfAbsent(scope[0], s -> new TreeMap<>()).computeIfAbsent(scope[1], n -> new ArrayList<>())
                            .add(d.score().tier());
                }
            }
            Instant time = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            scopes.forEach((scope, names) -> names.forEach((name, scores) -> {
                SortedMap<String, String> tags = new TreeMap<>();
                tags.put("scope", scope);
                tags.put("name", name);
                tags.put("local_date", date.toString());
                SortedMap<String, Object> fields = new TreeMap<>();
                fields.put("mean_score", Ranking.mean(scores));
                fields.put("sites", (long) scores.size());
                for (Tier tier : List.of(Tier.PLATINUM, Tier.GOLD, Tier.SILVER, Tier.BRONZE)) {
                    fields.put(tier.code(), tiers.get(scope).get(name).stream().filter(t -> t == tier).count());
                }
                fields.put("partial", false);
                comparisons.add(new ExpectedPoint(COMPARISON_DAILY, time, tags, fields));
            }));
            for (DailyScore d : scored.values()) {
                double own = d.score().score();
                List<Double> region = scopes.get("region").get(d.version().getRegion());
                List<Double> country = scopes.get("country").get(d.version().getCountry());
                String group = d.version().getInvestorGroup();
                SortedMap<String, Object> fields = new TreeMap<>();
                fields.put("rank_region", Ranking.rank(own, region));
                fields.put("rank_country", Ranking.rank(own, country));
                fields.put("percentile_region", Ranking.percentile(own, region));
                fields.put("percentile_country", Ranking.percentile(own, country));
                fields.put("region_mean", Ranking.mean(region));
                fields.put("country_mean", Ranking.mean(country));
                fields.put("group_mean", group == null ? 0.0 : Ranking.mean(scopes.get("investor_group").get(group)));
                fields.put("group_valid", group != null);
                ranks.add(new ExpectedPoint(SITE_RANK_DAILY, time, dailyTags(d), fields));
            }
        }
    }

    private boolean closedByEverySite(LocalDate date, Map<String, Instant> finalClocks) {
        for (SiteHistory history : sites.values()) {
            Instant clock = finalClocks.get(history.site);
            SiteRegistryVersion version = history.versions.all().get(history.versions.all().size() - 1);
            if (clock == null || SiteVersions.nextMidnight(date, SiteVersions.zone(version)).isAfter(clock)) {
                return false;
            }
        }
        return true;
    }

    /** {scope, name} pairs a site belongs to under a version. */
    private static List<String[]> scopesOf(SiteRegistryVersion version) {
        List<String[]> scopes = new ArrayList<>();
        scopes.add(new String[] {"region", version.getRegion()});
        if (version.getInvestorGroup() != null) {
            scopes.add(new String[] {"investor_group", version.getInvestorGroup()});
        }
        scopes.add(new String[] {"country", version.getCountry()});
        return scopes;
    }

    static SortedMap<String, String> tags(SiteRegistryVersion version) {
        SortedMap<String, String> tags = new TreeMap<>();
        tags.put("site", version.getSiteId());
        tags.put("region", version.getRegion());
        tags.put("investor_group", version.getInvestorGroup() == null ? "none" : version.getInvestorGroup());
        tags.put("country", version.getCountry());
        return tags;
    }

    private static SortedMap<String, String> dailyTags(DailyScore d) {
        SortedMap<String, String> tags = tags(d.version());
        tags.put("local_date", d.date().toString());
        return tags;
    }

    private static Instant localMidnight(DailyScore d) {
        return d.date().atStartOfDay(SiteVersions.zone(d.version())).toInstant();
    }

}
