package io.dealerpulse.dashboards.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.dashboards.GrafanaInterpolation;
import io.dealerpulse.dashboards.GrafanaInterpolation.Variable;
import io.dealerpulse.dashboards.ProvisioningFiles;
import io.dealerpulse.dashboards.ProvisioningFiles.AlertQuery;
import io.dealerpulse.dashboards.ProvisioningFiles.Target;
import io.dealerpulse.dashboards.it.InfluxRows.Row;
import io.dealerpulse.dashboards.it.InfluxRows.Series;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.health.HealthOptions;
import io.dealerpulse.jobs.oracle.AccountingTotals;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every panel query and every alert rule query of the provisioning files, interpolated as Grafana
 * does, run on a real InfluxDB that one real pipeline run filled ({@link PipelineRun}). A query on
 * {@code staffing_window} or {@code stream_accounting} must return exactly what {@link Oracle}
 * computes from the raw points; a query on a score measurement exactly what it computes from the
 * points the jobs' score oracle expects ({@link ScoreExpectations}, fed with the records the job
 * read), which the stored points must equal too; a query on a pipeline-health measurement exactly
 * what {@link HealthExpectations} computes from the records read (and the jobs' staffing oracle's
 * windows and accounting); a leaderboard query the score oracle's newest point per site, viewed over
 * the run's processing time; a query on a measurement not written in this run (live comparisons,
 * Flink metrics) must be valid InfluxQL and return every column on contract-shaped points
 * ({@link ContractPoints}).
 */
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesIT {
    static final String DB = "dashboards_it";
    static final String FLINK_DB = "dashboards_it_flink";
    /** Contract-shaped points for the measurements not written yet (see {@link ContractPoints}). */
    static final String CONTRACT_DB = "dashboards_it_contract";
    static final String FLINK_CONTRACT_DB = "dashboards_it_flink_contract";
    static final Set<String> SCORES = Set.of("site_score", "site_score_daily", "tier_change", "comparison_daily",
            "site_rank_daily");
    static final Set<String> HEALTH = Set.of("agent_status", "dead_letters", "input_rate", "site_events_hourly",
            "door_sensor_health");
    /** Written at processing time: their panels are viewed over the run's wall-clock minutes. */
    static final Set<String> PROCESSING_TIME = Set.of("leaderboard", "dead_letters", "input_rate");
    static final Set<String> WRITTEN = Set.of("staffing_window", "stream_accounting", "site_score", "site_score_daily",
            "tier_change", "comparison_daily", "site_rank_daily", "leaderboard", "agent_status", "dead_letters",
            "input_rate", "site_events_hourly", "door_sensor_health");
    /** Not read by a panel checked here (live comparisons) or not written by the jobs (Flink metrics). */
    static final Set<String> PENDING = Set.of("comparison_live", "site_rank_live",
            "taskmanager_job_task_operator_pendingRecords", "jobmanager_job_lastCheckpointDuration");
    static final Duration INTERVAL = Duration.ofHours(1);
    /** The whole back-filled history: the first local day's daily points are at its local midnight. */
    static final Instant FROM = PipelineRun.NOW.minus(Duration.ofDays(PipelineRun.HISTORY_DAYS + 1));
    static final Instant TO = PipelineRun.NOW.plus(Duration.ofHours(1));
    private static final Pattern MEASUREMENT = Pattern.compile("FROM \"(\\w+)\"");
    private static final Pattern CONDITION = Pattern.compile("\"(\\w+)\" (=|!=) '([^']*)'");

    private InfluxEndpoint influx;
    private List<Row> windows;
    private List<Row> accounting;
    private ScoreExpectations scores;
    private HealthExpectations health;
    private PipelineRun run;
    private final Map<String, JsonNode> dashboards = ProvisioningFiles.dashboards();
    private final List<String> report = new ArrayList<>();
    private final Set<String> checkedTargets = new TreeSet<>();
    private final Set<String> pendingTargets = new TreeSet<>();
    private final Map<String, Integer> scoreComponentRows = new TreeMap<>();
    private final Set<String> completedRuns = new HashSet<>();
    /** Health and leaderboard targets whose expected answer had rows in at least one selection. */
    private final Set<String> targetsWithRows = new TreeSet<>();

    @BeforeAll
    void fillInfluxDbWithARealPipelineRun(KafkaEndpoint kafka, InfluxEndpoint influx) throws Exception {
        this.influx = influx;
        run = new PipelineRun().run(kafka, influx, DB);
        scores = run.expected();
        health = HealthExpectations.of(run.arrivals(), run.staffing());
        assertThat(List.of(HealthOptions.defaults().doorSilentWindows(), HealthOptions.defaults().doorSilentMinCheckIns()))
                .as("the health oracle assumes the jobs' default door-silence settings (docs/kpis.md)")
                .containsExactly(HealthExpectations.DOOR_SILENT_WINDOWS, HealthExpectations.DOOR_MIN_CHECK_INS);
        influx.createDatabase(FLINK_DB);
        windows = InfluxRows.rows(influx.query(DB, "SELECT * FROM \"staffing_window\""));
        accounting = InfluxRows.rows(influx.query(DB, "SELECT * FROM \"stream_accounting\""));
        assertThat(windows).as("staffing windows written by the pipeline run").hasSizeGreaterThan(100);
        assertThat(accounting).as("accounting points written by the pipeline run").isNotEmpty();
        influx.createDatabase(CONTRACT_DB);
        Instant at = PipelineRun.NOW.minus(Duration.ofHours(1));
        influx.write(CONTRACT_DB, ContractPoints.lines(windows, at, Instant.parse("2026-03-03T23:00:00Z"), "2026-03-04"));
        influx.createDatabase(FLINK_CONTRACT_DB);
        influx.write(FLINK_CONTRACT_DB, ContractPoints.flinkMetrics(at));
        assertThat(windows).extracting(r -> r.str("site")).containsAll(
                new PipelineRun().network().scenario().sites().stream().map(s -> s.id()).toList());
    }

    @AfterAll
    void writeReport() throws IOException {
        Path file = Path.of("target", "dashboard-queries.txt");
        Files.createDirectories(file.getParent());
        report.add(0, "pipeline run: " + run.arrivals().size() + " records in " + run.phases() + " phases; expected score points "
                + scores.counts() + "; seconds " + run.timings() + "; duplicates " + duplicates());
        report.add(1, "panel targets checked against the oracle: " + checkedTargets.size()
                + "; measurements without an oracle here (checked on contract-shaped points): " + pendingTargets.size());
        report.add(2, "health scenario: silent agent " + run.health().silentSite() + ", door-counter fault "
                + run.health().doorFaultSite() + ", duplicates " + run.health().duplicateSite() + ", too late "
                + run.health().tooLateSite() + "; expected points: agent_status " + health.agentStatus().size()
                + ", door_sensor_health " + health.doorSensor().size() + " (suspected "
                + health.doorSensor().stream().filter(r -> r.bool("suspected_fault")).count() + "), site_events_hourly "
                + health.siteEventsHourly().size() + "; processing time " + run.processingFrom() + " .. " + run.processingTo());
        Files.write(file, report);
    }

    // ---------------------------------------------------------------- dashboards

    @Test
    void networkOverview() {
        List<String> regions = distinct(windows, "region");
        runDashboard("dp-network", selection("region", null, "group", null));
        // two regions and one group, around a site with a tier change so "Tier changes today" has rows too
        Row sample = scores.points("tier_change").stream().filter(r -> !r.str("investor_group").equals("none")).findFirst()
                .orElseThrow(() -> new AssertionError("the run must have a tier change of a site in an investor group"));
        String otherRegion = regions.stream().filter(r -> !r.equals(sample.str("region"))).findFirst().orElseThrow();
        runDashboard("dp-network", selection("region", List.of(sample.str("region"), otherRegion),
                "group", List.of(sample.str("investor_group"))));
    }

    @Test
    void region() {
        String region = Oracle.groupBy(windows, r -> r.str("region")).entrySet().stream()
                .filter(e -> distinct(e.getValue(), "site").size() >= 2).findFirst().orElseThrow().getKey();
        List<String> sites = distinct(windows.stream().filter(r -> r.str("region").equals(region)).toList(), "site");
        runDashboard("dp-region", selection("region", List.of(region), "site", null));
        runDashboard("dp-region", selection("region", List.of(region), "site", List.of(sites.get(0))));
        runDashboard("dp-region", selection("region", List.of(region), "site", sites.subList(0, 2)));
    }

    @Test
    void site() {
        for (String site : distinct(windows, "site")) {
            runDashboard("dp-site", selection("site", List.of(site)));
        }
    }

    @Test
    void investorGroup() {
        for (String group : distinct(windows, "investor_group")) {
            if (!group.equals("none")) {
                runDashboard("dp-group", selection("group", List.of(group), "site", null));
            }
        }
    }

    @Test
    void pipelineHealth() {
        runDashboard("dp-pipeline", selection("site", null, "stream", null));
        // The input rate needs a series with its accounting in at least two hourly buckets. A site's
        // accounting is written at its clock, or before it has one at its newest input, never earlier
        // than its previous point (docs/staffing-window-contract.md): the importers go first, so every
        // site's points sit at its newest booking action (Wednesday afternoon) until its clock passes
        // it, and the back-filled footfall and kiosk totals of Monday and Tuesday all land on that one
        // minute. The streams and sites with the most hourly buckets are chosen, whatever they are.
        Map<String, Map<String, Integer>> hoursByStreamAndSite = new TreeMap<>();
        Oracle.groupBy(Oracle.filter(accounting, FROM, TO, r -> true), r -> r.str("stream")).forEach((stream, rows) ->
                Oracle.groupBy(rows, r -> r.str("site")).forEach((site, rs) -> hoursByStreamAndSite
                        .computeIfAbsent(stream, k -> new TreeMap<>())
                        .put(site, Oracle.perBucket(rs, INTERVAL, b -> 0.0).size())));
        List<String> streams = mostHours(hoursByStreamAndSite, 2);
        Map<String, Map<String, Integer>> hoursBySite = new TreeMap<>();
        streams.forEach(stream -> hoursByStreamAndSite.get(stream).forEach((site, hours) ->
                hoursBySite.computeIfAbsent(site, k -> new TreeMap<>()).put(stream, hours)));
        List<String> sites = mostHours(hoursBySite, 2);
        report.add("accounting: hourly buckets per stream and site " + hoursByStreamAndSite);
        runDashboard("dp-pipeline", selection("site", sites, "stream", streams));
        // the sites of the incidents, and one site only (a single value of the multi-value variables)
        runDashboard("dp-pipeline", selection("site", Oracle.sorted(List.of(run.health().silentSite(), run.health().doorFaultSite(),
                run.health().tooLateSite())), "stream", List.of("agent-status", "footfall")));
        runDashboard("dp-pipeline", selection("site", List.of(run.health().doorFaultSite()), "stream", List.of("kiosk")));
    }

    /** The keys whose sum of hours is the greatest, at most {@code n}. */
    private static List<String> mostHours(Map<String, Map<String, Integer>> hours, int n) {
        return hours.entrySet().stream()
                .sorted((a, b) -> Integer.compare(total(b.getValue()), total(a.getValue())))
                .map(Map.Entry::getKey).limit(n).sorted().toList();
    }

    private static int total(Map<String, Integer> hours) {
        return hours.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void everyPanelQueryOnAWrittenMeasurementHasBeenCheckedAndEveryOtherIsPending() {
        // runs every dashboard selection not checked yet, so this test does not depend on the order of the others
        networkOverview();
        region();
        site();
        investorGroup();
        pipelineHealth();
        for (Target t : ProvisioningFiles.targets(dashboards)) {
            String key = key(t.dashboardUid(), t.panelTitle(), t.refId());
            String measurement = measurement(t.query());
            assertThat(WRITTEN.contains(measurement) ? checkedTargets : pendingTargets).as(key).contains(key);
        }
        assertThat(checkedTargets).hasSizeGreaterThanOrEqualTo(18);
        for (String key : checkedTargets) {
            String m = measurement(query(key));
            if (HEALTH.contains(m) || m.equals("leaderboard") || key.endsWith("Input rate by stream and site|A")) {
                assertThat(targetsWithRows).as("%s returned rows in at least one selection", key).contains(key);
            }
        }
    }

    // ---------------------------------------------------------------- score points

    @Test
    void storedScorePointsEqualTheJobsScoreOracle() {
        List<String> problems = new ArrayList<>();
        for (String measurement : Oracle.sorted(SCORES)) {
            Map<String, Row> stored = new TreeMap<>();
            InfluxRows.rows(influx.query(DB, "SELECT * FROM \"" + measurement + "\" GROUP BY *"))
                    .forEach(r -> stored.put(pointKey(r), r));
            Map<String, Row> expected = new TreeMap<>();
            scores.points(measurement).forEach(r -> expected.put(pointKey(r), r));
            Set<String> missing = new TreeSet<>(expected.keySet());
            missing.removeAll(stored.keySet());
            Set<String> extra = new TreeSet<>(stored.keySet());
            extra.removeAll(expected.keySet());
            int different = 0;
            String firstDifference = null;
            for (Map.Entry<String, Row> e : expected.entrySet()) {
                Row got = stored.get(e.getKey());
                if (got == null) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> f : e.getValue().values().entrySet()) {
                    if (!sameValue(got.values().get(f.getKey()), f.getValue())) {
                        different++;
                        if (firstDifference == null) {
                            firstDifference = e.getKey() + " " + f.getKey() + " stored " + got.values().get(f.getKey())
                                    + ", expected " + f.getValue();
                        }
                        break;
                    }
                }
            }
            report.add(measurement + ": " + expected.size() + " expected, " + stored.size() + " stored, " + missing.size()
                    + " missing, " + extra.size() + " extra, " + different + " different");
            if (!missing.isEmpty() || !extra.isEmpty() || different > 0) {
                problems.add(measurement + ": " + missing.size() + " of " + expected.size() + " expected points missing (first "
                        + missing.stream().limit(3).toList() + "), " + extra.size() + " not expected (first "
                        + extra.stream().limit(3).toList() + "), " + different + " with a different field (first: "
                        + firstDifference + ")");
            }
            assertThat(expected).as("the oracle expects %s points", measurement).isNotEmpty();
        }
        assertThat(problems).isEmpty();
    }

    /** Duplicate ids per stream: counted by the job (accounting) and in what was published (per stream, and across streams). */
    private String duplicates() {
        Map<String, Double> counted = new TreeMap<>();
        Oracle.groupBy(accounting, r -> r.str("stream") + "/" + r.str("site")).forEach((k, rows) ->
                counted.merge(k.substring(0, k.indexOf('/')), Oracle.last(rows).num("duplicate"), Double::sum));
        Map<String, Integer> repeated = new TreeMap<>();
        Map<String, Set<String>> streamsById = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (io.dealerpulse.jobs.oracle.Arrival a : run.arrivals().stream().filter(Arrival::decodable).toList()) {
            String id = String.valueOf(a.record().get(a.record().getSchema().getField("event_id").pos()));
            if (!seen.add(a.stream().tag() + "/" + id)) {
                repeated.merge(a.stream().tag(), 1, Integer::sum);
            }
            streamsById.computeIfAbsent(id, i -> new TreeSet<>()).add(a.stream().tag());
        }
        long shared = streamsById.values().stream().filter(v -> v.size() > 1).count();
        return "accounting " + counted + ", repeated ids published " + repeated + ", ids on several streams " + shared;
    }

    private static String pointKey(Row r) {
        Map<String, String> tags = new TreeMap<>(r.tags());
        return r.time() + " " + tags;
    }

    // ---------------------------------------------------------------- alerts

    @Test
    void everyAlertQueryReturnsWhatTheDataImpliesAtEveryHourOfTheRun() {
        Instant firstHour = Oracle.bucket(windows.stream().map(Row::time).min(Instant::compareTo).orElseThrow(), INTERVAL);
        int evaluations = 0;
        int firing = 0;
        Map<String, Integer> firingByRule = new TreeMap<>();
        for (AlertQuery rule : ProvisioningFiles.alertQueries()) {
            for (Instant t = firstHour; !t.isAfter(TO); t = t.plus(Duration.ofMinutes(30))) {
                Instant from = t.minusSeconds(rule.fromSeconds());
                String query = GrafanaInterpolation.interpolate(rule.query(), Map.of(), from, t, Duration.ofMinutes(1));
                assertThat(query).as("%s: now() is the server's clock, never the run's 2026 range; use $timeFilter", rule.uid())
                        .doesNotContain("now()");
                JsonNode answer = influx.query(DB, query); // throws with InfluxDB's error if the query is invalid
                evaluations++;
                String measurement = measurement(rule.query());
                assertThat(PENDING).as("alert %s reads a measurement the run writes", rule.uid()).doesNotContain(measurement);
                Map<String, Double> actual = scalarByTag(answer);
                Map<String, Double> expected = new TreeMap<>();
                switch (rule.uid()) {
                    case "dp-site-under-staffed-30m" -> Oracle.groupBy(Oracle.filter(windows, from, t,
                            r -> r.str("status").equals("under_staffed")), r -> "site=" + r.str("site"))
                            .forEach((k, rows) -> expected.put(k, (double) rows.size()));
                    case "dp-dead-letter-rate" -> Oracle.groupBy(Oracle.filter(accounting, from, t, r -> true),
                            r -> "stream=" + r.str("stream")).forEach((k, rows) -> expected.put(k,
                            Oracle.groupBy(rows, r -> r.str("site")).values().stream().mapToDouble(rs -> spread(rs, "dead_lettered")).sum()));
                    case "dp-site-dropped-tier" -> Oracle.groupBy(Oracle.filter(scores.points("tier_change"), from, t,
                            r -> r.str("kind").equals("dropped")), r -> "site=" + r.str("site"))
                            .forEach((k, rows) -> expected.put(k, (double) rows.size()));
                    case "dp-agent-silent-10m" -> {
                        // every site seen in the 24 h up to t, with its heartbeats in the 10 minutes up to t (threshold < 0.5)
                        Instant at = t;
                        Oracle.groupBy(Oracle.filter(health.agentStatus(), at.minus(HealthExpectations.SEEN_WITHIN), at, r -> true),
                                r -> "site=" + r.str("site")).forEach((k, rows) -> expected.put(k, (double) Oracle.filter(rows,
                                        at.minus(HealthExpectations.SILENT_AFTER), at, r -> true).size()));
                        Set<String> silent = new TreeSet<>();
                        assertThat(actual.keySet()).as("%s at %s", rule.uid(), at).isEqualTo(expected.keySet());
                        expected.forEach((k, v) -> assertThat(actual.get(k)).as("%s at %s %s", rule.uid(), at, k).isCloseTo(v, within(1e-9)));
                        expected.replaceAll((k, v) -> actual.get(k)); // equal up to the moving average's rounding
                        actual.forEach((k, v) -> {
                            if (v < 0.5) {
                                silent.add(k.substring("site=".length()));
                            }
                        });
                        assertThat(silent).as("silent agents at %s (condition < 1)", at).isEqualTo(health.silentSites(at));
                        if (silent.contains(run.health().silentSite()) && silent.size() < actual.size()) {
                            firingByRule.merge("dp-agent-silent-10m (the silenced agent while others beat)", 1, Integer::sum);
                        }
                    }
                    case "dp-sensor-fault" -> Oracle.groupBy(Oracle.filter(health.doorSensor(), from, t,
                            r -> r.bool("suspected_fault")), r -> "site=" + r.str("site"))
                            .forEach((k, rows) -> expected.put(k, (double) rows.size()));
                    default -> throw new AssertionError("no oracle for alert rule " + rule.uid());
                }
                assertThat(actual).as("%s at %s", rule.uid(), t).isEqualTo(expected);
                boolean fires = rule.uid().equals("dp-agent-silent-10m") ? actual.values().stream().anyMatch(v -> v < 0.5) : !actual.isEmpty();
                if (fires) {
                    firing++;
                    firingByRule.merge(rule.uid(), 1, Integer::sum);
                }
            }
        }
        report.add("alert evaluations: " + evaluations + ", firing: " + firing + " " + firingByRule);
        assertThat(firing).as("evaluations where an alert query on written data returned series").isGreaterThan(5);
        assertThat(firingByRule).as("every rule fires at some evaluation of the run, the agent-silent one for the silenced agent alone")
                .containsKeys("dp-agent-silent-10m (the silenced agent while others beat)", "dp-sensor-fault",
                        "dp-site-under-staffed-30m", "dp-site-dropped-tier");
    }

    // ---------------------------------------------------------------- the engine

    /**
     * Runs and checks every query of a dashboard for one selection, once: the coverage test calls
     * every dashboard test again, and only selections not yet checked (or failed) run again.
     */
    private void runDashboard(String uid, Map<String, List<String>> selection) {
        String run = uid + " " + new TreeMap<>(selection);
        if (completedRuns.contains(run)) {
            return;
        }
        JsonNode dashboard = dashboards.get(uid);
        Map<String, Variable> variables = resolveVariables(dashboard, selection);
        Predicate<Row> selected = selectedBy(variables);
        for (Target t : ProvisioningFiles.targets(Map.of(uid, dashboard))) {
            Range range = PROCESSING_TIME.contains(measurement(t.query()))
                    ? new Range(this.run.processingFrom(), this.run.processingTo()) : Range.of(t);
            String query = GrafanaInterpolation.interpolate(t.query(), variables, range.from(), range.to(), INTERVAL);
            assertThat(query).as("uninterpolated variable in %s", t.panelTitle()).doesNotContainPattern("\\$[a-zA-Z_{]");
            String database = t.datasourceUid().equals("dealerpulse-flink-metrics") ? FLINK_DB : DB;
            JsonNode answer = influx.query(database, query); // throws with InfluxDB's error if the query is invalid
            String key = key(uid, t.panelTitle(), t.refId());
            String measurement = measurement(t.query());
            int rows = InfluxRows.rows(answer).size();
            report.add(key + " " + selection + " -> " + rows + " row(s)");
            if (PENDING.contains(measurement)) {
                // Written by the pipeline now for the score measurements (issue 6), empty for the others; either
                // way what the pipeline wrote must carry every column the panel reads.
                List<Row> pipelineRows = InfluxRows.rows(answer);
                for (String column : pipelineRows.isEmpty() ? List.<String>of() : pipelineRows.get(0).values().keySet()) {
                    assertThat(pipelineRows).as("%s column %s on the pipeline's database", key, column)
                            .anyMatch(r -> !r.isNull(column));
                }
                // the same query on contract-shaped points: every field and tag it reads exists there
                String contractDb = database.equals(FLINK_DB) ? FLINK_CONTRACT_DB : CONTRACT_DB;
                List<Row> contractRows = InfluxRows.rows(influx.query(contractDb, query));
                assertThat(contractRows).as("%s on contract-shaped points", key).isNotEmpty();
                for (String column : contractRows.get(0).values().keySet()) {
                    assertThat(contractRows).as("%s column %s (a field the contract does not define?)", key, column)
                            .anyMatch(r -> !r.isNull(column));
                }
                pendingTargets.add(key);
                continue;
            }
            assertThat(WRITTEN).as("measurement of %s", key).contains(measurement);
            if (SCORES.contains(measurement)) {
                checkScores(key, answer, selected, variables, range);
            } else if (HEALTH.contains(measurement)) {
                checkHealth(key, answer, selected, variables, range);
            } else if (measurement.equals("leaderboard")) {
                checkLeaderboard(key, answer, selected);
            } else {
                check(uid, t.panelTitle(), t.refId(), answer, selected, variables);
            }
            checkedTargets.add(key);
        }
        completedRuns.add(run);
    }

    /** Runs each variable's query as Grafana would (after the variables before it) and checks its options. */
    private Map<String, Variable> resolveVariables(JsonNode dashboard, Map<String, List<String>> selection) {
        Map<String, Variable> resolved = new LinkedHashMap<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String name = v.path("name").asText();
            if (v.path("type").asText().equals("datasource")) {
                resolved.put(name, Variable.single(name, "dealerpulse-influxdb"));
                continue;
            }
            String query = GrafanaInterpolation.interpolate(v.path("query").asText(), resolved, FROM, TO, INTERVAL);
            List<String> options = new ArrayList<>();
            InfluxRows.rows(influx.query(DB, query)).forEach(r -> options.add(r.str("value")));
            assertThat(options).as("options of $%s (%s)", name, query).isEqualTo(expectedOptions(query));
            assertThat(options).as("options of $%s", name).isNotEmpty();
            boolean all = selection.containsKey(name) && selection.get(name) == null;
            List<String> chosen = all ? List.of() : selection.getOrDefault(name, List.of(options.get(0)));
            assertThat(options).as("selection of $%s", name).containsAll(chosen);
            resolved.put(name, new Variable(name, v.path("multi").asBoolean(), v.path("includeAll").asBoolean(),
                    v.has("allValue") ? v.path("allValue").asText() : null, chosen, all, options));
        }
        return resolved;
    }

    /** SHOW TAG VALUES FROM "m" WITH KEY = "k" [WHERE "t" = 'v' ...]: the distinct k of the raw points. */
    private List<String> expectedOptions(String query) {
        Matcher key = Pattern.compile("WITH KEY = \"(\\w+)\"").matcher(query);
        assertThat(key.find()).as("variable query %s", query).isTrue();
        List<Row> rows = measurement(query).equals("staffing_window") ? windows : accounting;
        int where = query.indexOf(" WHERE ");
        if (where > 0) {
            Matcher c = CONDITION.matcher(query.substring(where));
            while (c.find()) {
                String tag = c.group(1);
                String value = c.group(3);
                boolean equal = c.group(2).equals("=");
                rows = rows.stream().filter(r -> value.equals(r.str(tag)) == equal).toList();
            }
        }
        return distinct(rows, key.group(1));
    }

    private static Predicate<Row> selectedBy(Map<String, Variable> variables) {
        Predicate<Row> predicate = r -> true;
        for (Variable v : variables.values()) {
            if (v.name().equals("datasource")) {
                continue;
            }
            String tag = v.name().equals("group") ? "investor_group" : v.name();
            if (v.allSelected() && ".*".equals(v.allValue())) {
                continue;
            }
            Set<String> allowed = Set.copyOf(v.allSelected() ? v.options() : v.selected());
            predicate = predicate.and(r -> r.str(tag) == null || allowed.contains(r.str(tag)));
        }
        return predicate;
    }

    // ---------------------------------------------------------------- per-panel oracles

    /** The time range Grafana queries: the dashboard's, or the panel's relative override viewed at the run's NOW. */
    record Range(Instant from, Instant to) {
        static Range of(Target t) {
            if (t.timeFrom().isEmpty()) {
                return new Range(FROM, TO);
            }
            Matcher m = Pattern.compile("(\\d+)([mhd])").matcher(t.timeFrom());
            assertThat(m.matches()).as("timeFrom %s of %s", t.timeFrom(), t.panelTitle()).isTrue();
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new Range(PipelineRun.NOW.minus(d), PipelineRun.NOW);
        }
    }

    private void check(String uid, String title, String refId, JsonNode answer, Predicate<Row> selected,
            Map<String, Variable> vars) {
        List<Row> sel = Oracle.filter(windows, FROM, TO, selected);
        List<Row> acc = Oracle.filter(accounting, FROM, TO, selected);
        String key = key(uid, title, refId);
        switch (key) {
            case "dp-network|Visitors per staff, network|A", "dp-region|Visitors per staff by site|A",
                    "dp-group|Visitors per staff by site|A" -> {
                List<String> groupTags = key.startsWith("dp-network") ? List.of() : List.of("site");
                Map<String, TreeMap<Instant, Double>> expected = new TreeMap<>();
                Oracle.groupBy(sel, r -> tagKey(r, groupTags)).forEach((k, rows) ->
                        expected.put(k, Oracle.perBucket(rows, INTERVAL, rs -> Oracle.ratio(rs, "visitors", "staff_on_duty"))));
                assertTimeSeries(key, answer, expected);
            }
            case "dp-region|Region against national|A", "dp-region|Region against national|B" -> {
                String region = vars.get("region").selected().get(0);
                List<Row> rows = Oracle.filter(windows, FROM, TO, r -> refId.equals("B") || r.str("region").equals(region));
                assertTimeSeries(key, answer, Map.of("", Oracle.perBucket(rows, INTERVAL,
                        rs -> Oracle.ratio(rs, "visitors", "staff_on_duty"))));
            }
            case "dp-network|Latest window per site (under-staffed first)|A" -> {
                Map<String, List<Object>> expected = new TreeMap<>();
                Oracle.groupBy(sel, r -> tagKey(r, List.of("region", "site"))).forEach((k, rows) -> {
                    Row last = Oracle.last(rows);
                    expected.put(k, List.of(last.str("status"), last.num("visitors"), last.num("staff_on_duty"),
                            last.num("visitors_per_staff")));
                });
                assertRowsByTag(key, answer, List.of("status", "visitors", "staff on duty", "visitors per staff"), expected);
            }
            case "dp-network|Under-staffed windows by site|A" -> assertScalars(key, answer, count(sel,
                    r -> r.str("status").equals("under_staffed"), List.of("site")));
            case "dp-region|Staffing ratio by local hour of day|A" -> {
                Map<String, Double> expected = new TreeMap<>();
                Oracle.groupBy(sel, r -> tagKey(r, List.of("local_hour")))
                        .forEach((k, rows) -> expected.put(k, Oracle.ratio(rows, "visitors", "staff_on_duty")));
                assertScalars(key, answer, expected);
            }
            case "dp-region|Window status by site|A", "dp-region|Window status by site|B",
                    "dp-region|Window status by site|C", "dp-region|Window status by site|D" -> {
                String status = List.of("under_staffed", "ok", "over_staffed", "idle").get(refId.charAt(0) - 'A');
                assertScalarColumn(key, answer, status, count(sel, r -> r.str("status").equals(status), List.of("site")));
            }
            case "dp-site|Visitors per staff against the target band|A" -> assertRawRows(key, answer,
                    sel.stream().filter(r -> r.bool("ratio_valid")).toList(),
                    Map.of("visitors per staff", "visitors_per_staff", "target min", "target_min", "target max", "target_max"));
            case "dp-site|Staff on duty and visitors|A" -> assertRawRows(key, answer, sel,
                    Map.of("staff on duty", "staff_on_duty", "visitors", "visitors"));
            case "dp-site|Waiting time, mean and p90|A" -> assertRawRows(key, answer,
                    sel.stream().filter(r -> r.num("waiting_served") > 0).toList(),
                    Map.of("mean", "waiting_mean_s", "p90", "waiting_p90_s"));
            case "dp-site|Window status|A" -> assertRawRows(key, answer, sel, Map.of("status", "status"));
            case "dp-site|Appointments due vs arrived, walk-ins|A" -> assertSums(key, answer, sel, List.of("local_date"),
                    Map.of("appointments due", "appointments_due", "arrived", "appointments_arrived",
                            "check-ins", "check_ins", "walk-ins", "walk_ins"));
            case "dp-group|Sites side by side|A" -> assertSums(key, answer, sel, List.of("site"),
                    Map.of("visitors", "visitors", "advisor quarter-hours", "staff_on_duty", "check-ins", "check_ins",
                            "walk-ins", "walk_ins", "appointments due", "appointments_due", "arrived", "appointments_arrived"));
            case "dp-pipeline|Suspected counter faults|A" -> {
                List<Row> faulty = sel.stream().filter(DashboardQueriesIT::counterFault).toList();
                assertSums(key, answer, faulty, List.of("site"), Map.of("check-ins in windows without door count", "check_ins"));
                assertScalarColumn(key, answer, "windows", count(faulty, r -> true, List.of("site")));
            }
            case "dp-pipeline|Accounting buckets by stream|A" -> {
                List<String> fields = List.of("received", "aggregated", "corrected_late", "too_late", "dead_lettered",
                        "duplicate", "outside_opening_hours", "pending");
                Map<String, List<Object>> expected = new TreeMap<>();
                Oracle.groupBy(acc, r -> tagKey(r, List.of("stream"))).forEach((k, rows) -> {
                    List<Object> sums = new ArrayList<>();
                    for (String f : fields) {
                        sums.add(Oracle.groupBy(rows, r -> r.str("site")).values().stream()
                                .mapToDouble(rs -> Oracle.last(rs).num(f)).sum());
                    }
                    expected.put(k, sums);
                });
                assertRowsByTag(key, answer, fields, expected);
                expected.values().forEach(v -> assertThat((Double) v.get(0)).as("received = sum of the buckets")
                        .isEqualTo(v.subList(1, v.size()).stream().mapToDouble(o -> (Double) o).sum()));
                assertAccountingEqualsTheStaffingOracle(key, answer, vars, List.of("stream"));
            }
            case "dp-pipeline|Input rate by stream and site|A" -> {
                Map<String, TreeMap<Instant, Double>> expected = new TreeMap<>();
                // InfluxDB reads one interval before the range for the first bucket's difference.
                List<Row> withPrevious = Oracle.filter(accounting, FROM.minus(INTERVAL), TO, selected);
                Oracle.groupBy(withPrevious, r -> tagKey(r, List.of("site", "stream"))).forEach((k, rows) -> {
                    TreeMap<Instant, Double> d = new TreeMap<>(
                            Oracle.nonNegativeDifferenceOfLast(rows, INTERVAL, "received").tailMap(FROM));
                    if (!d.isEmpty()) {
                        expected.put(k, d);
                    }
                });
                // empty for the selections of incident sites (see pipelineHealth()); must have rows in another one
                if (compareTimeSeries(key, answer, expected)) {
                    targetsWithRows.add(key);
                }
            }
            case "dp-pipeline|Dead letters and late events by stream and site|A" -> {
                Map<String, List<Object>> expected = new TreeMap<>();
                Oracle.groupBy(acc, r -> tagKey(r, List.of("site", "stream"))).forEach((k, rows) -> {
                    Row last = Oracle.last(rows);
                    expected.put(k, List.of(last.num("dead_lettered"), last.num("too_late"), last.num("corrected_late"),
                            last.num("duplicate"), last.num("pending")));
                });
                assertRowsByTag(key, answer, List.of("dead-lettered", "too late", "corrected late", "duplicates",
                        "held (unknown site)"), expected);
                assertAccountingEqualsTheStaffingOracle(key, answer, vars, List.of("site", "stream"));
            }
            default -> throw new AssertionError("no oracle for panel query " + key
                    + ": add one computing what it must return from the raw points");
        }
    }


    /**
     * The accounting totals per stream (or stream and site) in the panel's answer against the jobs'
     * staffing oracle on the records read: exact for the buckets the read order fixes (received, too
     * late, dead-lettered, duplicate, outside opening hours) and for the sum of the three it splits
     * (aggregated + corrected late + pending, see {@link AccountingTotals#applied()}). The undecodable
     * records' key {@code _unknown} has no site clock: its points are at processing time, outside the
     * run's event-time range, so it is not expected here (the dead-letter panels show those records).
     */
    private void assertAccountingEqualsTheStaffingOracle(String key, JsonNode answer, Map<String, Variable> vars,
            List<String> groupTags) {
        Set<String> sites = allowed(vars.get("site"));
        Set<String> streams = allowed(vars.get("stream"));
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        run.staffing().accountingByStreamAndSite().forEach((stream, bySite) -> bySite.forEach((site, totals) -> {
            if (!site.equals("_unknown") && (sites == null || sites.contains(site)) && (streams == null || streams.contains(stream))) {
                String k = tagKey(groupTags.contains("site") ? Map.of("site", site, "stream", stream) : Map.of("stream", stream));
                Map<String, Long> sums = expected.computeIfAbsent(k, x -> new TreeMap<>());
                totals.asMap().forEach((bucket, n) -> sums.merge(bucket.field(), n, Long::sum));
                sums.merge("received", totals.received(), Long::sum);
                sums.merge("applied", totals.applied(), Long::sum);
            }
        }));
        Map<String, Row> actual = new TreeMap<>();
        InfluxRows.series(answer).forEach(series -> actual.put(tagKey(series.tags()), series.rows().get(0)));
        assertThat(actual.keySet()).as("%s: series against the staffing oracle", key).isEqualTo(expected.keySet());
        Map<String, String> columns = key.contains("Accounting buckets")
                ? Map.of("dead_lettered", "dead_lettered", "too_late", "too_late", "duplicate", "duplicate",
                        "outside_opening_hours", "outside_opening_hours", "received", "received")
                : Map.of("dead-lettered", "dead_lettered", "too late", "too_late", "duplicates", "duplicate");
        expected.forEach((k, totals) -> {
            Row got = actual.get(k);
            columns.forEach((column, field) -> assertThat((long) got.num(column)).as("%s %s %s (staffing oracle)", key, k, column)
                    .isEqualTo(totals.get(field)));
            if (key.contains("Accounting buckets")) {
                assertThat((long) (got.num("aggregated") + got.num("corrected_late") + got.num("pending")))
                        .as("%s %s aggregated + corrected late + pending (staffing oracle)", key, k).isEqualTo(totals.get("applied"));
            }
        });
        assertThat(expected).as("%s: accounting expected by the staffing oracle", key).isNotEmpty();
    }

    // ---------------------------------------------------------------- pipeline health and leaderboard

    /** The pipeline-health panels against {@link HealthExpectations} and the records the job read. */
    private void checkHealth(String key, JsonNode answer, Predicate<Row> selected, Map<String, Variable> vars, Range range) {
        List<Row> beats = Oracle.filter(health.agentStatus(), range.from(), range.to(), selected);
        boolean rows;
        switch (key) {
            case "dp-pipeline|Agents last seen|A" -> rows = compareRowsByTag(key, answer,
                    List.of("heartbeat", "version", "MQTT connected", "dropped"),
                    lastPerTag(beats, List.of("site"), List.of("sequence", "agent_version", "mqtt_connected", "dropped")));
            case "dp-pipeline|Outbox depth|A", "dp-pipeline|Oldest pending age|A" -> {
                String field = key.contains("Outbox") ? "outbox_depth" : "oldest_pending_age_ms";
                Map<String, TreeMap<Instant, Double>> expected = new TreeMap<>();
                Oracle.groupBy(beats, r -> tagKey(r, List.of("site"))).forEach((k, rs) -> expected.put(k,
                        Oracle.perBucket(rs, INTERVAL, b -> b.stream().mapToDouble(r -> r.num(field)).max().orElseThrow())));
                rows = compareTimeSeries(key, answer, expected);
                if (expected.containsKey("site=" + run.health().silentSite())) {
                    assertThat(expected.get("site=" + run.health().silentSite()).values())
                            .as("%s: the silenced agent's catch-up shows", key).anyMatch(v -> v > 0);
                }
            }
            case "dp-pipeline|Clock offset (agent − broker)|A" -> {
                Map<String, TreeMap<Instant, Double>> expected = new TreeMap<>();
                Oracle.groupBy(beats.stream().filter(r -> r.bool("clock_offset_measured")).toList(), r -> tagKey(r, List.of("site")))
                        .forEach((k, rs) -> expected.put(k, Oracle.perBucket(rs, INTERVAL, b -> mean(b, "clock_offset_ms"))));
                rows = compareTimeSeries(key, answer, expected);
            }
            case "dp-pipeline|Dead letters by stream and reason|A" -> {
                Set<String> streams = allowed(vars.get("stream"));
                Map<String, Double> expected = new TreeMap<>();
                run.undecodable().stream().filter(u -> streams == null || streams.contains(u.stream().tag()))
                        .forEach(u -> expected.merge(tagKey(Map.of("stream", u.stream().tag(), "reason", u.reason())), 1.0, Double::sum));
                rows = compareScalars(key, answer, expected);
            }
            case "dp-pipeline|Records read per second by stream|A" -> {
                // per-interval rates vary with the run's timing; times the interval, they add up to the records read
                Set<String> streams = allowed(vars.get("stream"));
                Map<String, Double> expected = new TreeMap<>();
                run.arrivals().stream().map(a -> a.stream().tag()).filter(st -> streams == null || streams.contains(st))
                        .forEach(st -> expected.merge(tagKey(Map.of("stream", st)), 1.0, Double::sum));
                Map<String, Double> actual = new TreeMap<>();
                for (Series series : InfluxRows.series(answer)) {
                    assertThat(series.rows()).as("%s %s", key, series.tags()).allMatch(r -> firstValue(r) > 0);
                    actual.put(tagKey(series.tags()), series.rows().stream()
                            .mapToDouble(r -> firstValue(r) * INTERVAL.toSeconds()).sum());
                }
                assertThat(actual.keySet()).as("series of %s", key).isEqualTo(expected.keySet());
                expected.forEach((k, v) -> assertThat(actual.get(k)).as("%s %s: rate x interval summed", key, k).isCloseTo(v, within(1e-6)));
                rows = !expected.isEmpty();
            }
            case "dp-pipeline|Events per site and local hour|A" -> {
                Map<String, TreeMap<Instant, Double>> expected = new TreeMap<>();
                Oracle.groupBy(Oracle.filter(health.siteEventsHourly(), range.from(), range.to(), selected),
                        r -> tagKey(r, List.of("site", "stream"))).forEach((k, rs) -> expected.put(k,
                        Oracle.perBucket(rs, INTERVAL, b -> Oracle.sum(b, r -> r.num("events")))));
                rows = compareTimeSeries(key, answer, expected);
            }
            case "dp-pipeline|Suspected door-sensor faults|A" -> {
                Map<String, List<Object>> expected = new TreeMap<>();
                Oracle.groupBy(Oracle.filter(health.doorSensor(), range.from(), range.to(), selected.and(r -> r.bool("suspected_fault"))),
                        r -> tagKey(r, List.of("site"))).forEach((k, rs) -> expected.put(k, List.of(
                        rs.stream().mapToDouble(r -> r.num("silent_minutes")).max().orElseThrow(),
                        rs.stream().mapToDouble(r -> r.num("check_ins_while_silent")).max().orElseThrow())));
                rows = compareRowsByTag(key, answer, List.of("silent minutes", "check-ins while silent"), expected);
            }
            default -> throw new AssertionError("no oracle for pipeline-health panel query " + key
                    + ": add one computing what it must return from the records read (HealthExpectations)");
        }
        if (rows) {
            targetsWithRows.add(key);
        }
    }

    /**
     * The leaderboard panels, viewed over the run's processing time: the newest point per site is each
     * site's live score at the last minute its clock reached (the score oracle's; the current minute,
     * not reached yet, goes to {@code site_score} only), its registry name and coordinates, its latest
     * window's ratio and status, and its rank in its country among the scored sites.
     */
    private void checkLeaderboard(String key, JsonNode answer, Predicate<Row> selected) {
        Map<String, Row> latestScore = scores.latestReachedMinutes();
        Map<String, SiteRegistryVersion> registry = new TreeMap<>();
        for (Arrival a : run.arrivals()) {
            if (a.record() instanceof SiteRegistryVersion v && (registry.get(v.getSiteId()) == null
                    || !v.getEffectiveFrom().isBefore(registry.get(v.getSiteId()).getEffectiveFrom()))) {
                registry.put(v.getSiteId(), v);
            }
        }
        Map<String, Row> latestWindow = new TreeMap<>();
        windows.forEach(r -> latestWindow.merge(r.str("site"), r, (a, b) -> a.time().isAfter(b.time()) ? a : b));
        Map<String, List<Object>> expected = new TreeMap<>();
        latestScore.forEach((site, score) -> {
            if (!selected.test(score)) {
                return;
            }
            SiteRegistryVersion v = registry.get(site);
            Row w = latestWindow.get(site);
            long rank = !score.bool("score_valid") ? 0 : 1 + latestScore.values().stream().filter(o -> o.bool("score_valid")
                    && o.str("country").equals(score.str("country")) && o.num("score") > score.num("score")).count();
            if (key.endsWith("Live leaderboard|A")) {
                expected.put(tagKey(Map.of("site", site, "region", score.str("region"), "investor_group", score.str("investor_group"))),
                        List.of(v.getName(), score.num("score"), score.str("tier"), score.str("trend"), w.num("visitors_per_staff"),
                                w.str("status"), (double) rank));
            } else {
                expected.put(tagKey(Map.of("site", site)), List.of(v.getLatitude(), v.getLongitude(), score.str("tier"), score.num("score")));
            }
        });
        List<String> columns = key.endsWith("Live leaderboard|A")
                ? List.of("name", "score", "tier", "trend", "visitors per staff", "status", "rank")
                : List.of("latitude", "longitude", "tier", "score");
        if (compareRowsByTag(key, answer, columns, expected)) {
            targetsWithRows.add(key);
        }
    }

    /**
     * The score panels: what each query must return, computed from the points the score oracle
     * expects ({@link ScoreExpectations}) with the panel's time range and variable selection.
     */
    private void checkScores(String key, JsonNode answer, Predicate<Row> selected, Map<String, Variable> vars,
            Range range) {
        List<Row> live = Oracle.filter(scores.points("site_score"), range.from(), range.to(), selected);
        List<Row> daily = Oracle.filter(scores.points("site_score_daily"), range.from(), range.to(), selected);
        List<Row> ranks = Oracle.filter(scores.points("site_rank_daily"), range.from(), range.to(), selected);
        List<Row> changes = Oracle.filter(scores.points("tier_change"), range.from(), range.to(), selected);
        List<Row> validLive = live.stream().filter(r -> r.bool("score_valid")).toList();
        switch (key) {
            case "dp-group|Scores side by side|A" -> assertRowsByTag(key, answer, List.of("score", "tier", "trend"),
                    lastPerTag(live, List.of("site"), List.of("score", "tier", "trend")));
            case "dp-network|Region comparison (daily mean score)|A" -> {
                Set<String> regions = allowed(vars.get("region"));
                List<Row> comparisons = Oracle.filter(scores.points("comparison_daily"), range.from(), range.to(),
                        r -> r.str("scope").equals("region") && (regions == null || regions.contains(r.str("name"))));
                assertRowsByTag(key, answer, List.of("mean score", "sites"),
                        lastPerTag(comparisons, List.of("name"), List.of("mean_score", "sites")));
            }
            case "dp-network|National average score|A" -> assertTimeSeries(key, answer,
                    Map.of("", Oracle.perBucket(validLive, INTERVAL, rs -> mean(rs, "score"))));
            case "dp-network|Tier changes today|A" -> assertRawSeries(key, answer, changes, List.of("site"),
                    Map.of("kind", "kind", "from_tier", "from_tier", "to_tier", "to_tier", "message", "message"));
            case "dp-network|Improving and declining|A" -> {
                List<Row> trending = live.stream().filter(r -> !r.str("trend").equals("stable")
                        && !r.str("trend").equals("insufficient_data")).toList();
                Map<String, List<Object>> expected = lastPerTag(trending, List.of("site"), List.of("trend", "score"));
                if (expected.isEmpty()) {
                    // no site has a trend yet in this run (needs 8 daily scores): the query is valid and empty here,
                    // and must find both columns on contract-shaped points
                    assertThat(InfluxRows.rows(answer)).as(key).isEmpty();
                    assertThat(InfluxRows.rows(influx.query(CONTRACT_DB, GrafanaInterpolation.interpolate(
                            query(key), vars, FROM, TO, INTERVAL)))).as("%s on contract-shaped points", key)
                            .isNotEmpty().allMatch(r -> !r.isNull("trend") && !r.isNull("score"));
                } else {
                    assertRowsByTag(key, answer, List.of("trend", "score"), expected);
                }
            }
            case "dp-region|Site scores against region and national|A" -> {
                Map<String, TreeMap<Instant, Double>> expected = new TreeMap<>();
                Oracle.groupBy(validLive, r -> tagKey(r, List.of("site"))).forEach((k, rows) ->
                        expected.put(k, Oracle.perBucket(rows, INTERVAL, rs -> mean(rs, "score"))));
                assertTimeSeries(key, answer, expected);
            }
            case "dp-region|Site scores against region and national|B",
                    "dp-region|Site scores against region and national|C" -> {
                String region = vars.get("region").selected().get(0);
                List<Row> rows = Oracle.filter(scores.points("site_score"), range.from(), range.to(), r -> r.bool("score_valid")
                        && (key.endsWith("C") || r.str("region").equals(region)));
                assertTimeSeries(key, answer, Map.of("", Oracle.perBucket(rows, INTERVAL, rs -> mean(rs, "score"))));
            }
            case "dp-region|Rank and percentile|A" -> assertRowsByTag(key, answer,
                    List.of("rank in region", "percentile in region", "rank in country", "percentile in country", "region mean"),
                    lastPerTag(ranks, List.of("site"), List.of("rank_region", "percentile_region", "rank_country",
                            "percentile_country", "region_mean")));
            case "dp-site|Score components now|A", "dp-site|Score components now|B", "dp-site|Score components now|C",
                    "dp-site|Score components now|D", "dp-site|Score components now|E" -> {
                String component = List.of("satisfaction", "waiting", "staffing", "appointments", "feedback").get(key.charAt(key.length() - 1) - 'A');
                List<Row> valid = live.stream().filter(r -> r.bool(component + "_valid")).toList();
                Map<String, Double> expected = new TreeMap<>();
                if (!valid.isEmpty()) {
                    expected.put("", Oracle.last(valid).num(component) * 100);
                }
                // a component without data in the last 5 minutes (0.0, *_valid = false) shows "no data", never 0 %
                Map<String, Double> actual = scalarByTag(answer);
                assertThat(actual.keySet()).as(key).isEqualTo(expected.keySet());
                expected.forEach((k, v) -> assertThat(actual.get(k)).as(key).isCloseTo(v, within(1e-9)));
                scoreComponentRows.merge(expected.isEmpty() ? "no data" : "value", 1, Integer::sum);
            }
            case "dp-site|Components with data, NPS and feedback samples|A" -> assertRowsByTag(key, answer,
                    List.of("satisfaction", "surveys", "feedback", "presses", "waiting", "staffing", "appointments"),
                    lastPerTag(live, List.of(), List.of("satisfaction_valid", "satisfaction_n", "feedback_valid", "feedback_n",
                            "waiting_valid", "staffing_valid", "appointments_valid")));
            case "dp-site|Tier history|A" -> assertRawSeries(key, answer, daily, List.of(), Map.of("tier", "tier"));
            case "dp-site|Score against region and country|A" -> assertRawSeries(key, answer,
                    daily.stream().filter(r -> r.bool("score_valid")).toList(), List.of(), Map.of("score", "score"));
            case "dp-site|Score against region and country|B" -> assertRawSeries(key, answer, ranks, List.of(),
                    Map.of("region_mean", "region_mean"));
            case "dp-site|Score against region and country|C" -> assertRawSeries(key, answer, ranks, List.of(),
                    Map.of("country_mean", "country_mean"));
            default -> throw new AssertionError("no oracle for score panel query " + key
                    + ": add one computing what it must return from the score oracle's points");
        }
    }

    /** Per group of tags: the values of the group's newest row (InfluxQL last() when every row has every field). */
    private static Map<String, List<Object>> lastPerTag(List<Row> rows, List<String> groupTags, List<String> fields) {
        Map<String, List<Object>> result = new TreeMap<>();
        Oracle.groupBy(rows, r -> tagKey(r, groupTags)).forEach((k, rs) -> {
            Row last = Oracle.last(rs);
            List<Object> values = new ArrayList<>();
            fields.forEach(f -> values.add(cell(last.values().get(f))));
            result.put(k, values);
        });
        return result;
    }

    private static double mean(List<Row> rows, String field) {
        return Oracle.sum(rows, r -> r.num(field)) / rows.size();
    }

    /** The values a variable lets through; null for "All" as {@code .*}. */
    private static Set<String> allowed(Variable v) {
        if (v.allSelected() && ".*".equals(v.allValue())) {
            return null;
        }
        return Set.copyOf(v.allSelected() ? v.options() : v.selected());
    }

    private String query(String key) {
        return ProvisioningFiles.targets(dashboards).stream().filter(t -> key(t.dashboardUid(), t.panelTitle(), t.refId()).equals(key))
                .findFirst().orElseThrow().query();
    }

    /** A raw SELECT grouped by tags: per series, one row per point in time order, aliased columns equal to the fields. */
    private static void assertRawSeries(String key, JsonNode answer, List<Row> points, List<String> groupTags,
            Map<String, String> aliasToField) {
        Map<String, List<Row>> expected = Oracle.groupBy(points, r -> tagKey(r, groupTags));
        Map<String, List<Row>> actual = new TreeMap<>();
        InfluxRows.series(answer).forEach(s -> actual.put(tagKey(s.tags()), s.rows()));
        assertThat(actual.keySet()).as("series of %s", key).isEqualTo(expected.keySet());
        expected.forEach((k, rows) -> {
            List<Row> sorted = rows.stream().sorted((a, b) -> a.time().compareTo(b.time())).toList();
            List<Row> got = actual.get(k);
            assertThat(got.stream().map(Row::time).toList()).as("times of %s %s", key, k)
                    .isEqualTo(sorted.stream().map(Row::time).toList());
            for (int i = 0; i < sorted.size(); i++) {
                for (Map.Entry<String, String> e : aliasToField.entrySet()) {
                    assertThat(sameValue(got.get(i).values().get(e.getKey()), sorted.get(i).values().get(e.getValue())))
                            .as("%s %s %s at %s: %s, expected %s", key, k, e.getKey(), sorted.get(i).time(),
                                    got.get(i).values().get(e.getKey()), sorted.get(i).values().get(e.getValue()))
                            .isTrue();
                }
            }
        });
        assertThat(expected).as("%s returns rows on this data", key).isNotEmpty();
    }

    /** Numbers equal up to 1e-9 (InfluxDB writes 80.0 as 80), anything else as text. */
    static boolean sameValue(JsonNode actual, JsonNode expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (actual.isNumber() && expected.isNumber()) {
            return Math.abs(actual.asDouble() - expected.asDouble()) <= 1e-9;
        }
        return actual.asText().equals(expected.asText());
    }

    private static Object cell(JsonNode v) {
        return v.isNumber() ? (Object) v.asDouble() : v.asText();
    }

    // ---------------------------------------------------------------- comparisons

    private static void assertTimeSeries(String key, JsonNode answer, Map<String, TreeMap<Instant, Double>> expected) {
        assertThat(compareTimeSeries(key, answer, expected)).as("%s returns rows on this data", key).isTrue();
    }

    /** Same series, buckets and values; true when the expected answer has rows. */
    private static boolean compareTimeSeries(String key, JsonNode answer, Map<String, TreeMap<Instant, Double>> expected) {
        Map<String, TreeMap<Instant, Double>> actual = new TreeMap<>();
        for (Series s : InfluxRows.series(answer)) {
            TreeMap<Instant, Double> points = new TreeMap<>();
            s.rows().forEach(r -> points.put(r.time(), firstValue(r)));
            actual.put(tagKey(s.tags()), points);
        }
        assertThat(actual.keySet()).as("series of %s", key).isEqualTo(new TreeSet<>(expected.keySet()));
        expected.forEach((k, points) -> {
            assertThat(actual.get(k).keySet()).as("buckets of %s %s", key, k).isEqualTo(points.keySet());
            points.forEach((t, v) -> assertThat(actual.get(k).get(t)).as("%s %s at %s", key, k, t).isCloseTo(v, within(1e-9)));
        });
        return !expected.isEmpty();
    }

    /** Same series, values equal up to summation order (InfluxDB adds floats in its own order). */
    private static void assertScalars(String key, JsonNode answer, Map<String, Double> expected) {
        assertThat(compareScalars(key, answer, expected)).as("%s returns rows on this data", key).isTrue();
    }

    private static boolean compareScalars(String key, JsonNode answer, Map<String, Double> expected) {
        Map<String, Double> actual = scalarByTag(answer);
        assertThat(actual.keySet()).as(key).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as("%s %s", key, k).isCloseTo(v, within(1e-9)));
        return !expected.isEmpty();
    }

    private static void assertScalarColumn(String key, JsonNode answer, String column, Map<String, Double> expected) {
        Map<String, Double> actual = new TreeMap<>();
        InfluxRows.series(answer).forEach(s -> actual.put(tagKey(s.tags()), s.rows().get(0).num(column)));
        assertThat(actual).as("%s column %s", key, column).isEqualTo(expected);
    }

    private static void assertRowsByTag(String key, JsonNode answer, List<String> columns, Map<String, List<Object>> expected) {
        assertThat(compareRowsByTag(key, answer, columns, expected)).as("%s returns rows on this data", key).isTrue();
    }

    private static boolean compareRowsByTag(String key, JsonNode answer, List<String> columns, Map<String, List<Object>> expected) {
        Map<String, List<Object>> actual = new TreeMap<>();
        for (Series s : InfluxRows.series(answer)) {
            assertThat(s.rows()).as("%s: one row per series", key).hasSize(1);
            List<Object> values = new ArrayList<>();
            for (String c : columns) {
                values.add(cell(s.rows().get(0).values().get(c)));
            }
            actual.put(tagKey(s.tags()), values);
        }
        assertThat(actual.keySet()).as("series of %s", key).isEqualTo(expected.keySet());
        expected.forEach((k, values) -> {
            for (int i = 0; i < columns.size(); i++) {
                Object want = values.get(i);
                Object got = actual.get(k).get(i);
                if (want instanceof Double w && got instanceof Double g) {
                    assertThat(g).as("%s %s %s", key, k, columns.get(i)).isCloseTo(w, within(1e-9));
                } else {
                    assertThat(got).as("%s %s %s", key, k, columns.get(i)).isEqualTo(want);
                }
            }
        });
        return !expected.isEmpty();
    }

    /** A raw SELECT: one row per point, in time order, with the aliased columns equal to the fields. */
    private static void assertRawRows(String key, JsonNode answer, List<Row> points, Map<String, String> aliasToField) {
        List<Row> actual = InfluxRows.rows(answer);
        List<Row> expected = points.stream().sorted((a, b) -> a.time().compareTo(b.time())).toList();
        assertThat(actual).as("rows of %s", key).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).time()).isEqualTo(expected.get(i).time());
            for (Map.Entry<String, String> e : aliasToField.entrySet()) {
                assertThat(actual.get(i).str(e.getKey())).as("%s %s at %s", key, e.getKey(), expected.get(i).time())
                        .isEqualTo(expected.get(i).str(e.getValue()));
            }
        }
        assertThat(expected).as("%s returns rows on this data", key).isNotEmpty();
    }

    private static void assertSums(String key, JsonNode answer, List<Row> rows, List<String> groupTags,
            Map<String, String> aliasToField) {
        Map<String, Map<String, Double>> expected = new TreeMap<>();
        Oracle.groupBy(rows, r -> tagKey(r, groupTags)).forEach((k, rs) -> {
            Map<String, Double> sums = new TreeMap<>();
            aliasToField.forEach((alias, field) -> sums.put(alias, Oracle.sum(rs, r -> r.num(field))));
            expected.put(k, sums);
        });
        Map<String, Map<String, Double>> actual = new TreeMap<>();
        for (Series s : InfluxRows.series(answer)) {
            Map<String, Double> sums = new TreeMap<>();
            aliasToField.keySet().forEach(alias -> sums.put(alias, s.rows().get(0).num(alias)));
            actual.put(tagKey(s.tags()), sums);
        }
        assertThat(actual.keySet()).as(key).isEqualTo(expected.keySet());
        expected.forEach((k, sums) -> sums.forEach((alias, v) ->
                assertThat(actual.get(k).get(alias)).as("%s %s %s", key, k, alias).isCloseTo(v, within(1e-9))));
        assertThat(expected).as("%s returns rows on this data", key).isNotEmpty();
    }

    private static Map<String, Double> scalarByTag(JsonNode answer) {
        Map<String, Double> result = new TreeMap<>();
        for (Series s : InfluxRows.series(answer)) {
            assertThat(s.rows()).hasSize(1);
            result.put(tagKey(s.tags()), firstValue(s.rows().get(0)));
        }
        return result;
    }

    private static Map<String, Double> count(List<Row> rows, Predicate<Row> predicate, List<String> groupTags) {
        Map<String, Double> result = new TreeMap<>();
        Oracle.groupBy(rows.stream().filter(predicate).toList(), r -> tagKey(r, groupTags))
                .forEach((k, rs) -> result.put(k, (double) rs.size()));
        return result;
    }

    private static double spread(List<Row> rows, String field) {
        double min = rows.stream().mapToDouble(r -> r.num(field)).min().orElse(0);
        double max = rows.stream().mapToDouble(r -> r.num(field)).max().orElse(0);
        return max - min;
    }

    static boolean counterFault(Row r) {
        return r.num("visitors") == 0 && r.num("check_ins") > 0;
    }

    private static Double firstValue(Row r) {
        JsonNode v = r.values().values().stream().skip(1).findFirst().orElseThrow();
        return v.isNull() ? null : v.asDouble();
    }

    private static String tagKey(Row r, List<String> tags) {
        Map<String, String> m = new TreeMap<>();
        tags.forEach(t -> m.put(t, r.str(t)));
        return tagKey(m);
    }

    private static String tagKey(Map<String, String> tags) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(tags).forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    private static String key(String uid, String title, String refId) {
        return uid + "|" + title + "|" + refId;
    }

    static String measurement(String query) {
        Matcher m = MEASUREMENT.matcher(query);
        if (!m.find()) {
            throw new AssertionError("no FROM \"measurement\" in " + query);
        }
        return m.group(1);
    }

    private static List<String> distinct(List<Row> rows, String column) {
        return Oracle.sorted(new TreeSet<>(rows.stream().map(r -> r.str(column)).toList()));
    }

    private static Map<String, List<String>> selection(Object... nameAndValues) {
        Map<String, List<String>> m = new HashMap<>();
        for (int i = 0; i < nameAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) nameAndValues[i + 1];
            m.put((String) nameAndValues[i], values);
        }
        return m;
    }
}
