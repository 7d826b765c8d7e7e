package io.dealerpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.demo.oracle.ConsumedInputs;
import io.dealerpulse.demo.oracle.OracleDiff;
import io.dealerpulse.demo.oracle.StoredPoints;
import io.dealerpulse.demo.servers.Ports;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult;
import io.dealerpulse.jobs.oracle.score.ScoreSettings;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The demo headless on real servers (mosquitto and influxd from the machine's packages, in-JVM Kafka, a
 * local Flink cluster): every simulated site's staffing windows and scores reach InfluxDB, the scores
 * equal the jobs' independent score oracle fed with what the job read from Kafka, and stopping ends every
 * process the demo started. Needs {@code apt-get install -y mosquitto influxdb}.
 */
class DemoIT {
    private static final String DB = "dealerpulse";

    @Test
    void scoresOfEverySiteReachInfluxDbEqualTheOracleAndStoppingLeavesNoProcessBehind() throws Exception {
        assertThat(Ports.executable("mosquitto")).as("install mosquitto: apt-get install -y mosquitto").isPresent();
        assertThat(Ports.executable("influxd")).as("install influxd: apt-get install -y influxdb").isPresent();
        DemoOptions options = DemoOptions.parse(new String[] {"--sites", "3", "--speed", "360", "--seed", "7",
                "--history-days", "2", "--survey-days", "30", "--flink-ui-port", "0", "--no-view"},
                LocalDate.of(2026, 3, 4));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Demo demo = new Demo(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<Long> pids;
        long started = System.nanoTime();
        try {
            demo.start();
            pids = demo.childPids();
            assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
            List<String> sites = demo.network().scenario().sites().stream().map(SiteProfile::id).toList();
            StoredPoints influx = new StoredPoints(demo.influxUrl(), DB);
            String liveStart = demo.network().now().toString();

            Map<String, Long> scores = await(() -> influx.countPerSite(ScoreOracle.SITE_SCORE, "score", null), sites);
            System.out.printf("live scores of every site in InfluxDB %.1f s after the demo started: %s%n",
                    seconds(started), scores);
            assertThat(scores).containsOnlyKeys(sites);
            // Live windows: closed on the simulated clock after the live start, from agents fed over MQTT.
            Map<String, Long> live = await(() -> influx.countPerSite("staffing_window", "visitors",
                    "time >= '" + liveStart + "' AND visitors > 0"), sites);
            System.out.printf("live windows with visitors per site %.1f s after start: %s%n", seconds(started), live);
            assertThat(live).containsOnlyKeys(sites);
            assertThat(demo.live().failure()).isNull();

            demo.stopFeeding();
            ConsumedInputs inputs = ConsumedInputs.readAll(demo.bootstrapServers());
            Map<String, Map<String, Long>> accounting = awaitEverythingRead(influx, inputs.recordsPerStream());
            System.out.println("accounting " + accounting);
            awaitScoresSettle(influx);
            System.out.printf("feed stopped, job caught up %.1f s after start: %s%n", seconds(started),
                    inputs.recordsPerStream());

            ScoreOracle oracle = ScoreOracle.of(inputs.arrivals(),
                    new OracleOptions(Duration.ofMinutes(2), Duration.ofHours(24)), ScoreSettings.DEFAULTS);
            ScoreOracleResult expected = oracle.result();
            assertThat(accounting).allSatisfy((stream, buckets) -> assertThat(buckets.get("too_late"))
                    .as("%s events too late: the back-fill outran the job", stream).isZero());

            // Daily scores of every closed day: final when written (the back-fill pauses at every local midnight).
            OracleDiff daily = OracleDiff.between(ScoreOracle.SITE_SCORE_DAILY, expected.daily(),
                    influx.points(ScoreOracle.SITE_SCORE_DAILY, null));
            System.out.println(daily.report());
            assertThat(daily.isEmpty()).as(daily.report()).isTrue();
            System.out.println("daily points expected: " + expected.daily().stream()
                    .map(p -> p.tags().get("site") + "@" + p.time()).sorted().toList());
            assertThat(daily.compared()).as("closed days x sites").isEqualTo(sites.size() * (options.historyDays() + 1));

            // Minutes: only those no interleaving of the job's three agent topics can change (see settledMinutes).
            List<Instant> settled = settledMinutes(demo, options, inputs);
            List<ExpectedPoint> minutes = expected.minutes().stream().filter(m -> settled.contains(m.time()))
                    .map(ScoreOracleResult.ExpectedMinute::toPoint).toList();
            OracleDiff minuteDiff = OracleDiff.between(ScoreOracle.SITE_SCORE, minutes,
                    influx.points(ScoreOracle.SITE_SCORE, null));
            System.out.println(minuteDiff.report() + " (" + expected.minutes().size() + " minute points expected in all)");
            assertThat(minuteDiff.isEmpty()).as(minuteDiff.report()).isTrue();
            assertThat(minuteDiff.compared()).as("settled minutes compared").isGreaterThanOrEqualTo(sites.size() * 10);
        } finally {
            demo.close();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("mosquitto tcp://127.0.0.1:").contains("Flink     web UI http://127.0.0.1:")
                .contains("Back-fill [########################################] 100%");
        assertThat(Path.of(output.replaceAll("(?s).*work directory (\\S+)\\).*", "$1"))).doesNotExist();
    }

    /**
     * Minutes whose live point cannot depend on how the job interleaved footfall, kiosk and heartbeats:
     * the two minutes before each boundary where the back-fill waited for the job (and before the live
     * start, where it waited for the last slice). A point for T is written when the clock reaches T, i.e.
     * when an event at T + 2 min or later arrives; for T in [B - 2 min, B) that event is past the boundary
     * B, so every event at or before T (before B) was read before it, in the job as in the oracle. Inside
     * a slice the topics race (a heartbeat read before a kiosk event of the same minute moves the clock
     * first), so those minutes differ from run to run and are not compared.
     */
    private static List<Instant> settledMinutes(Demo demo, DemoOptions options, ConsumedInputs inputs) {
        Instant firstTraffic = inputs.arrivals().stream().filter(a -> a.record() != null && a.stream().agentStream())
                .map(a -> (Instant) ((org.apache.avro.generic.GenericRecord) a.record()).get("event_time"))
                .min(Instant::compareTo).orElseThrow();
        Instant liveStart = demo.network().now();
        List<Instant> boundaries = new java.util.ArrayList<>(new HistoryBackfill(demo.network(), options.historyDays(),
                options.surveyDays()).paceBoundaries(firstTraffic, liveStart));
        boundaries.add(liveStart);
        List<Instant> minutes = new java.util.ArrayList<>();
        for (Instant b : boundaries) {
            Instant lastWhole = b.minusMillis(1).truncatedTo(ChronoUnit.MINUTES);
            if (!lastWhole.isBefore(b.minus(Duration.ofMinutes(2)))) {
                minutes.add(lastWhole);
            }
            Instant before = lastWhole.minus(Duration.ofMinutes(1));
            if (!before.isBefore(b.minus(Duration.ofMinutes(2)))) {
                minutes.add(before);
            }
        }
        return minutes;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Polls a per-site count until every site has one (at most 90 s); returns the last answer. */
    private static Map<String, Long> await(Supplier<Map<String, Long>> perSite, List<String> sites)
            throws InterruptedException {
        Map<String, Long> counts = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            counts = perSite.get();
            if (counts.keySet().containsAll(sites)) {
                break;
            }
            Thread.sleep(500);
        }
        return counts;
    }

    /** Waits until the job's accounting shows every record of every input topic as received. */
    private static Map<String, Map<String, Long>> awaitEverythingRead(StoredPoints influx, Map<String, Long> records)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Map<String, Long>> accounting = Map.of();
        while (System.nanoTime() < deadline) {
            accounting = influx.accountingPerStream();
            Map<String, Map<String, Long>> seen = accounting;
            if (records.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), Map.of())
                    .getOrDefault("received", 0L).equals(e.getValue()))) {
                return accounting;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("after the feed stopped, the job's stream_accounting shows " + accounting
                + " but the input topics hold " + records);
    }

    /** Waits until the number of live score points stops changing for 2 s (at most 20 s). */
    private static void awaitScoresSettle(StoredPoints influx) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Long> previous = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = influx.countPerSite(ScoreOracle.SITE_SCORE, "score_valid", null);
            if (!now.equals(previous)) {
                previous = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                return;
            }
            Thread.sleep(250);
        }
    }
}
