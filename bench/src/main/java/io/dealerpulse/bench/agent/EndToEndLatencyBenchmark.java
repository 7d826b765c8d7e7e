package io.dealerpulse.bench.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.bench.harness.KafkaInputs;
import io.dealerpulse.bench.harness.PacedFootfall;
import io.dealerpulse.bench.harness.KafkaProgress;
import io.dealerpulse.bench.harness.Machine;
import io.dealerpulse.bench.job.CountingSink;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.Weekday;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.jobs.kpi.SiteCalendar;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.pipeline.KpiPoints;
import io.dealerpulse.jobs.score.ScorePoints;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * End-to-end latency at a steady load: MQTT publish (real mosquitto, the shipped config) → edge agent
 * (child JVM, {@code -Xmx64m}, product defaults) → Kafka (in-JVM KRaft broker) → the whole
 * {@link KpiPipeline} on a local mini-cluster (parallelism 1, product {@link KpiOptions}) →
 * {@link InfluxDbSink} (product defaults: batches of 1,000, flush every 1 s) → influxd.
 *
 * <p><b>Load.</b> One site, one generic-counter device; a Paho publisher sends {@code --rate} reports
 * a second at QoS 1 (each report = one footfall event), paced in 10 ms steps, for {@code --seconds}.
 * One report in {@code --door-every} (default 1,000: two reception entries a second at 2,000/s, far
 * busier than a real reception) is on the reception door, the others rotate over 8 plain lines;
 * event times strictly increase, so every event is distinct (event id = site, device, line,
 * interval start). Every event passes through agent, Kafka, the site KPI operator and the score
 * operator (each applied input is a score signal); reception entries are also kept in both
 * operators' state for the windows. A whole network's 2,000 events/s would come from many sites;
 * one agent serves one site, so here one site carries it all - a harder case for the per-site
 * operators, whose work per input grows with the site's day.
 *
 * <p><b>Probes: what is timed.</b> A point appears when an event moves the site clock (latest event
 * time − 2 min out-of-orderness) past its instant, so each point has one well-defined causing event:
 * <ul>
 *   <li>the site's <b>current-minute score point</b> at minute T ({@code site_score}, time T) is
 *       first written when the clock enters (T − 60 s, T], i.e. by the first event with event time
 *       &gt; T + 60 s;</li>
 *   <li>the <b>window point</b> of slot [S, S + 15 min) ({@code staffing_window}, time S) is written
 *       when the clock reaches S + 15 min, i.e. by the first event with event time ≥ S + 17 min.</li>
 * </ul>
 * The harness notes the wall time just before it hands each such event to Paho, and polls InfluxDB
 * every {@link #POLL} for new points of the site; latency = first poll that sees the point − that
 * publish time. Inside the span: MQTT publish and delivery, the agent's decode, durable outbox
 * commit and Kafka send, the Kafka fetch, the job (decode, keyed KPI and score operators), the sink's
 * batching (≤ 1 s flush) and the InfluxDB write; plus up to one poll period of observation delay.
 *
 * <p><b>Event time.</b> Event times start one day in the past and advance {@code --time-scale} times
 * faster than the wall clock (default 30: a minute point every 2 s and a window every 30 s), so a run
 * of a few minutes yields enough points; the agent's clock rule accepts them (≤ 7 days old, never in
 * the future here). The agent's heartbeats (event time = wall clock) then go to a side topic the job
 * does not read, or they would move the site clock a day ahead. {@code --time-scale 1} is real time
 * (heartbeats to the product topic; a window only every 15 min).
 */
public final class EndToEndLatencyBenchmark {
    private static final String SITE = siteId(0);
    private static final String FILTER = "bench/e2e/+";
    private static final String DB = "bench_e2e";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LINES = 8;

    public static void main(String[] args) throws Exception {
        int rate = 2_000;
        int seconds = 180;
        int timeScale = 30;
        int doorEvery = 1000;
        int sites = 1;
        int sendBatch = 500;
        String kafkaLinger = "20ms";
        String jfr = null;
        Duration flush = Duration.ofSeconds(1); // the product default (influx.flush-interval)
        Map<String, String> producerProperties = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--time-scale" -> timeScale = Integer.parseInt(args[i + 1]);
                case "--door-every" -> doorEvery = Integer.parseInt(args[i + 1]);
                case "--sites" -> sites = Integer.parseInt(args[i + 1]);
                case "--send-batch" -> sendBatch = Integer.parseInt(args[i + 1]);
                case "--kafka-linger" -> kafkaLinger = args[i + 1];
                case "--jfr" -> jfr = args[i + 1];
                case "--flush" -> flush = Duration.parse("PT" + args[i + 1].toUpperCase(Locale.ROOT));
                case "--agent-kafka" -> {
                    String[] kv = args[i + 1].split("=", 2);
                    producerProperties.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --rate --seconds --time-scale --door-every --sites --send-batch --kafka-linger --jfr"
                        + " --flush (sink interval, e.g. 1s, 0.2s) --agent-kafka name=value");
            }
        }
        if (sites < 1 || rate % sites != 0) {
            throw new IllegalArgumentException("--rate must split evenly over --sites, got " + rate + " over " + sites);
        }
        int agentRate = rate / sites;
        System.out.println(Machine.describe());
        TrustedAvroClasses.register();
        Path work = Files.createTempDirectory("dealerpulse-bench-e2e");
        String device = "device";
        String devicePassword = "device-password";
        List<String> results = new ArrayList<>();
        Instant base = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        try (KafkaEndpoint kafka = TestServers.current().startKafka();
                InfluxEndpoint influx = TestServers.current().startInflux();
                MosquittoEndpoint broker = MosquittoOptions.builder()
                        .baseConfig(Path.of("edge-agent/config/mosquitto.conf"))
                        .user(AgentProcess.USER, AgentProcess.PASSWORD).user(device, devicePassword).start()) {
            influx.createDatabase(DB);
            try (KafkaPublisher publisher = KafkaPublisher.connect(kafka.bootstrapServers(), Map.of(),
                    List.of(Topic.values()), true, Duration.ofSeconds(30))) {
                for (int site = 0; site < sites; site++) {
                    SiteRegistryVersion registry = registry(siteId(site), base.minus(Duration.ofDays(30)));
                    publisher.send(Topic.SITE_REGISTRY, Topic.registryKey(siteId(site),
                            registry.getEffectiveFrom().toEpochMilli()), registry);
                }
                publisher.awaitAll();
            }
            preflight(broker.uri(), device, devicePassword);
            JobClient job = startJob(kafka.bootstrapServers(), influx.url(), flush);
            preflight(broker.uri(), device, devicePassword);
            AgentProcess.Settings settings = new AgentProcess.Settings(1000, 500, "20ms", "full", sendBatch,
                    kafkaLinger, producerProperties);
            List<String> agentJvm = jfr == null ? List.of()
                    : List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            // Heartbeats carry the wall clock as event time and move the site clock: with accelerated
            // event time they would put it a day ahead of the footfall, so they go to a side topic.
            String statusTopic = timeScale == 1 ? Topic.AGENT_STATUS.topicName() : "bench.e2e.agent-status";
            try (AgentProcess agent = AgentProcess.start(work.resolve("agent"), SITE, broker.uri(), FILTER,
                    kafka.bootstrapServers(), Topic.FOOTFALL.topicName(), statusTopic, settings, agentJvm)) {
                Thread.sleep(5_000); // the job's sources find their partitions
                Run run = new Run(base, timeScale);
                AtomicBoolean stop = new AtomicBoolean();
                Thread poller = new Thread(() -> poll(influx, run, stop), "influx-poller");
                poller.start();
                String loadAtStart = Machine.load();
                PacedFootfall others = sites == 1 ? null
                        : OtherSites.start(kafka.bootstrapServers(), sites - 1, rate - agentRate, doorEvery, base,
                                timeScale);
                long started = System.nanoTime();
                long published = publish(broker.uri(), device, devicePassword, FILTER.replace("+", LoadPublisher.DEVICE),
                        agentRate, seconds, doorEvery, run);
                double publishSeconds = (System.nanoTime() - started) / 1e9;
                long direct = others == null ? 0 : others.stop();
                String loadAtEnd = Machine.load();
                long inKafkaAtEnd = footfallInKafka(kafka) - direct;
                String forwarder = agent.forwarderRounds();
                long drainDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < drainDeadline && run.pending()) {
                    Thread.sleep(200);
                }
                stop.set(true);
                poller.join();
                long inKafkaAfter = footfallInKafka(kafka);
                long outboxAfter = agent.outboxDepth();
                job.cancel().get();
                results.add(String.format(Locale.ROOT, "offered %d events/s over %d site(s) for %d s; agent site %s:"
                        + " published %d reports in %.1f s = %.0f events/s sustained (QoS 1, acknowledged); other sites"
                        + " straight to Kafka: %d events = %.0f/s; time scale %d; agent send-batch %d, linger %s, kafka.properties %s; sink flush %s",
                        rate, sites, seconds, SITE, published, publishSeconds, published / publishSeconds, direct,
                        direct / publishSeconds, timeScale, sendBatch, kafkaLinger, producerProperties, flush));
                results.add("load: " + loadAtStart + " at the start, " + loadAtEnd + " at the end of the load");
                results.add(String.format(Locale.ROOT, "agent-site footfall records in Kafka when the last report was"
                        + " acknowledged: %d of %d; at the end: %d (agent outbox still holding %d)", inKafkaAtEnd,
                        published, inKafkaAfter - direct, outboxAfter));
                results.add("agent forwarder when the last report was acknowledged: " + forwarder);
                results.add(report("current-minute score point (site_score)", run.scoreLatencies()));
                results.add(report("window point (staffing_window)", run.windowLatencies()));
                results.add(String.format(Locale.ROOT, "probes never seen within 60 s after the load: %d score, %d"
                        + " window", Run.unseen(run.scoreProbes, run.scoreSeen),
                        Run.unseen(run.windowProbes, run.windowSeen)));
            }
        }
        // Printed once every server has stopped, so no log line interleaves with the figures.
        System.out.println("=== results ===");
        results.forEach(System.out::println);
        System.out.println(Machine.describe());
    }

    /** Probe bookkeeping: point instant → publish nanoTime of its causing event, and → first-seen nanoTime. */
    private static final class Run {
        final Instant base;
        final int timeScale;
        final NavigableMap<Long, Long> scoreProbes = new ConcurrentSkipListMap<>();
        final NavigableMap<Long, Long> windowProbes = new ConcurrentSkipListMap<>();
        final Map<Long, Long> scoreSeen = new ConcurrentHashMap<>();
        final Map<Long, Long> windowSeen = new ConcurrentHashMap<>();

        Run(Instant base, int timeScale) {
            this.base = base;
            this.timeScale = timeScale;
        }

        List<Double> scoreLatencies() {
            return latencies(scoreProbes, scoreSeen);
        }

        List<Double> windowLatencies() {
            return latencies(windowProbes, windowSeen);
        }

        boolean pending() {
            return unseen(scoreProbes, scoreSeen) + unseen(windowProbes, windowSeen) > 0;
        }

        static long unseen(Map<Long, Long> probes, Map<Long, Long> seen) {
            return probes.keySet().stream().filter(k -> !seen.containsKey(k)).count();
        }

        private static List<Double> latencies(Map<Long, Long> probes, Map<Long, Long> seen) {
            List<Double> result = new ArrayList<>();
            probes.forEach((t, at) -> {
                Long s = seen.get(t);
                if (s != null) {
                    result.add((s - at) / 1e6);
                }
            });
            result.sort(Double::compare);
            return result;
        }
    }

    /**
     * Publishes {@code rate} reports a second for {@code seconds}, QoS 1, up to 1,000 in flight; event
     * time = base + elapsed wall time × time scale. Returns the number of acknowledged reports.
     */
    private static long publish(String brokerUri, String user, String password, String topic, int rate, int seconds,
            int doorEvery, Run run) throws MqttException, InterruptedException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "bench-e2e-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setReceiveMaximum(1000);
        client.connect(options).waitForCompletion(10_000);
        java.util.ArrayDeque<IMqttToken> inFlight = new java.util.ArrayDeque<>();
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long lastMillis = Long.MIN_VALUE;
        long nextScore = Long.MIN_VALUE;
        long nextWindow = Long.MIN_VALUE;
        long slot = SiteCalendar.SLOT.toMillis();
        try {
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 10_000_000L) {
                    Thread.sleep(wait / 1_000_000L);
                }
                long now = System.nanoTime();
                long eventMillis = run.base.toEpochMilli() + (now - start) / 1_000_000L * run.timeScale;
                if (eventMillis <= lastMillis) {
                    eventMillis = lastMillis + 1; // strictly increasing: every report its own event id
                }
                lastMillis = eventMillis;
                if (nextScore == Long.MIN_VALUE) {
                    // first probes strictly after the first event: the first clock writes nothing to time
                    nextScore = Math.floorDiv(eventMillis - 60_000L, 60_000L) * 60_000L + 60_000L;
                    nextWindow = Math.floorDiv(eventMillis - 17 * 60_000L, slot) * slot + slot;
                }
                // The event that first moves the clock into (T - 60 s, T] writes minute T's point.
                while (eventMillis > nextScore + 60_000L) {
                    if (i > 0) {
                        run.scoreProbes.put(nextScore, now);
                    }
                    nextScore += 60_000L;
                }
                // The event that moves the clock to or past S + 15 min writes window S.
                while (eventMillis >= nextWindow + 17 * 60_000L) {
                    if (i > 0) {
                        run.windowProbes.put(nextWindow, now);
                    }
                    nextWindow += slot;
                }
                String line = i % doorEvery == 0 ? "main" : "line-" + i % LINES;
                byte[] payload = LoadPublisher.report(SITE, line, Instant.ofEpochMilli(eventMillis));
                if (inFlight.size() >= 1000) {
                    inFlight.removeFirst().waitForCompletion(30_000);
                }
                while (true) {
                    try {
                        inFlight.addLast(client.publish(topic, payload, 1, false));
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || inFlight.isEmpty()) {
                            throw e;
                        }
                        inFlight.removeFirst().waitForCompletion(30_000);
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                inFlight.removeFirst().waitForCompletion(30_000);
            }
            return total;
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    private static long footfallInKafka(KafkaEndpoint kafka) {
        try (KafkaProgress progress = new KafkaProgress(kafka.consumerProperties("bench-e2e-count"))) {
            return progress.records(Topic.FOOTFALL.topicName());
        }
    }

    /** Fails with a clear message when the broker does not take a connection (e.g. it was stopped). */
    private static void preflight(String brokerUri, String user, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "bench-preflight-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options).waitForCompletion(30_000);
            client.disconnect().waitForCompletion(5_000);
        } catch (MqttException e) {
            throw new IllegalStateException("mosquitto at " + brokerUri + " does not take a connection (" + e
                    + "): is it still running?", e);
        } finally {
            client.close();
        }
    }

    /** Every {@link #POLL}: the site's score and window points newer than the oldest unseen probe. */
    private static void poll(InfluxEndpoint influx, Run run, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                pollMeasurement(influx, ScorePoints.SITE_SCORE, "score", run.scoreProbes, run.scoreSeen);
                pollMeasurement(influx, KpiPoints.STAFFING_WINDOW, "visitors", run.windowProbes, run.windowSeen);
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may not exist yet or a measurement not yet be written: poll again
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void pollMeasurement(InfluxEndpoint influx, String measurement, String field,
            NavigableMap<Long, Long> probes, Map<Long, Long> seen) {
        Long oldest = null;
        for (Long t : probes.keySet()) {
            if (!seen.containsKey(t)) {
                oldest = t;
                break;
            }
        }
        if (oldest == null) {
            return;
        }
        JsonNode answer = influx.query(DB, "SELECT \"" + field + "\" FROM \"" + measurement + "\" WHERE site = '"
                + SITE + "' AND time >= " + oldest + "ms");
        long now = System.nanoTime();
        for (JsonNode series : answer.path("results").path(0).path("series")) {
            for (JsonNode row : series.path("values")) {
                long t = Instant.parse(row.path(0).asText()).toEpochMilli();
                if (probes.containsKey(t)) {
                    seen.putIfAbsent(t, now);
                }
            }
        }
    }

    private static String report(String what, List<Double> sorted) {
        if (sorted.isEmpty()) {
            return what + ": no probe seen";
        }
        return String.format(Locale.ROOT, "%s: %d probes; latency ms p50 %.0f, p99 %.0f, max %.0f", what, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static JobClient startJob(String bootstrap, String influxUrl, Duration flush) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(1);
        String group = "bench-e2e-" + System.nanoTime();
        KpiPipeline.build(KafkaInputs.unbounded(env, bootstrap, group).all(),
                new KpiPipeline.Outputs(new InfluxDbSink(InfluxDbSinkOptions.of(influxUrl, DB, null, null)
                        .withBatching(1_000, flush)),
                        new CountingSink<>(), new CountingSink<>()),
                KpiOptions.defaults());
        return env.executeAsync("bench end-to-end");
    }

    /** Site 0 is the agent's; the others are written straight to Kafka. */
    static String siteId(int site) {
        return String.format(Locale.ROOT, "BENCH-E2E-%03d", site + 1);
    }

    /** Open around the clock, zone UTC, so every event falls in an open window. */
    private static SiteRegistryVersion registry(String site, Instant from) {
        List<OpeningInterval> weekly = new ArrayList<>();
        for (Weekday day : Weekday.values()) {
            weekly.add(OpeningInterval.newBuilder().setDayOfWeek(day).setOpenMinute(0).setCloseMinute(1440).build());
        }
        return SiteRegistryVersion.newBuilder()
                .setEventId("bench-e2e-registry-" + site)
                .setSiteId(site)
                .setDeviceId("bench")
                .setName("Bench end-to-end dealer")
                .setRegion("north")
                .setInvestorGroup(null)
                .setCountry("FR")
                .setTimeZone("UTC")
                .setWeeklyHours(weekly)
                .setExceptions(new ArrayList<>())
                .setTargetMin(1.0)
                .setTargetMax(4.0)
                .setEffectiveFrom(from)
                .setEventTime(from)
                .setReceivedTime(from)
                .build();
    }
}
