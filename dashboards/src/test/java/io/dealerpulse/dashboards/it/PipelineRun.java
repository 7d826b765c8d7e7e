package io.dealerpulse.dashboards.it;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.jobs.health.HealthOptions;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.OracleResult;
import io.dealerpulse.jobs.oracle.StaffingOracle;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.pipeline.OutputOptions;
import io.dealerpulse.jobs.score.ScoreOptions;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.history.AgentRecord;
import io.dealerpulse.simulator.publish.BusinessImports;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import io.dealerpulse.simulator.publish.SimulatedNetwork;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One real pipeline run that fills InfluxDB for the dashboard tests: the simulator's seeded network
 * (registry, bookings and 30 days of surveys through the importer, then {@value #HISTORY_DAYS} whole
 * local days of the agents' records and today's up to {@link #NOW}) published into real Kafka while
 * the production topology ({@link KpiPipeline#build}) runs on a local Flink cluster with the real
 * InfluxDB sink.
 *
 * <p>Published in phases so the order in which the job reads the records — and with it every live
 * minute score — is fixed and known: first the importers, then per local day of each site the
 * footfall, then the kiosk, then the heartbeat records of that day, each phase published only once
 * the job's {@code stream_accounting} shows the previous one read. Inside a phase one topic is read,
 * in Kafka's per-site order, so {@link #arrivals()} (every record as published, in that order) is
 * exactly what each site's operators saw, and the jobs' score oracle computes every point from it.
 * The days are the sites' own local days (sites are independent: only each site's order matters),
 * so a day's kiosk records are read before the next day's footfall closes that day and every daily
 * score has all its inputs. The price: the kiosk records reach the job after the footfall has moved
 * the clock through the day, so live minutes during the day lack that day's kiosk events (the
 * windows and daily scores get them, as any late event within the allowed lateness).
 *
 * <p>Every record is prepared before the first is sent, so the score oracle runs on its own thread
 * while the job reads. Dead letters and late events go to discarding sinks: the dashboards read
 * their counts from {@code stream_accounting} and {@code dead_letters}, which the topology writes
 * either way. The importers go in three phases (registry, appointments, surveys) so each site's
 * records are read in a known order there too ({@code site_events_hourly} depends on it). The
 * traffic carries the incidents of {@link HealthScenario}; its undecodable records are the last phase.
 *
 * <p>Pipeline-health and leaderboard points written at processing time are waited for too: the
 * run ends once every record shows in {@code input_rate} and {@code dead_letters} and the
 * leaderboard has been written at a processing-time minute after the score points settled, so its
 * newest point per site is each site's final score ({@link #processingFrom()}, {@link #processingTo()}).
 */
public final class PipelineRun {
    /** A Wednesday afternoon in Paris: Monday and Tuesday back-filled and most of today's opening hours. */
    public static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");
    /** Ten regions round-robin: 12 sites give two regions with two sites, and groups of several sites. */
    public static final int SITES = 12;
    public static final long SEED = 42L;
    /** Whole local days of traffic before today: two daily scores and one tier comparison per site. */
    public static final int HISTORY_DAYS = 2;
    /** Survey answers back to the satisfaction component's look-back, so it has data. */
    public static final int SURVEY_DAYS = 30;
    private static final List<Topic> PHASE_ORDER = List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.AGENT_STATUS);
    private static final Duration ACCOUNTING_EMIT_INTERVAL = Duration.ofMillis(100);
    /** Dead-letter counters, input rates and hourly event counts: written a fifth of a second after a change. */
    private static final Duration HEALTH_EMIT_INTERVAL = Duration.ofMillis(200);
    private static final List<Topic> IMPORTER_ORDER = List.of(Topic.SITE_REGISTRY, Topic.APPOINTMENTS, Topic.SURVEYS);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);

    private final SimulatedNetwork network = new SimulatedNetwork(NetworkScenario.of(SITES, SEED), NOW, HISTORY_DAYS);
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private ScoreExpectations expected;
    private OracleResult staffing;
    private HealthScenario health;
    private List<HealthScenario.Undecodable> undecodable;
    private Instant processingFrom;
    private Instant processingTo;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    /** What one publication phase sends; the job must have read all of it before the next is sent. */
    record Phase(String name, List<Send> sends, List<HealthScenario.Undecodable> raw) {
        Phase(String name, List<Send> sends) {
            this(name, sends, List.of());
        }
    }

    record Send(Topic topic, String key, SpecificRecord value) {}

    public SimulatedNetwork network() {
        return network;
    }

    /** Every record the job read, in the order it read them per site (importers, then phase by phase). */
    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The score points the jobs' oracle computes from {@link #arrivals()}. */
    public ScoreExpectations expected() {
        return expected;
    }

    /** The jobs' staffing oracle (windows, accounting) on {@link #arrivals()}. */
    public OracleResult staffing() {
        return staffing;
    }

    /** The incidents the traffic carries. */
    HealthScenario health() {
        return health;
    }

    /** The undecodable records sent (the last phase). */
    List<HealthScenario.Undecodable> undecodable() {
        return undecodable;
    }

    /** Wall-clock minute before the job started: processing-time points (leaderboard, input rate, dead letters) are after it. */
    public Instant processingFrom() {
        return processingFrom;
    }

    /** Wall-clock minute after the run's last processing-time point. */
    public Instant processingTo() {
        return processingTo;
    }

    /** Seconds spent per step of the run, for the report. */
    public Map<String, Double> timings() {
        return timings;
    }

    /** Publication phases waited for (importers included). */
    public int phases() {
        return phases.size();
    }

    /**
     * Publishes the history phase by phase while the topology runs; returns once the job has read
     * every record and the score points are complete (then the job is cancelled).
     */
    public PipelineRun run(KafkaEndpoint kafka, InfluxEndpoint influx, String database) throws Exception {
        TrustedAvroClasses.register();
        influx.createDatabase(database);
        long start = System.nanoTime();
        prepare();
        List<Arrival> read = List.copyOf(arrivals);
        CompletableFuture<ScoreExpectations> oracle = CompletableFuture.supplyAsync(() -> {
            long begin = System.nanoTime();
            ScoreExpectations result = ScoreExpectations.of(read);
            staffing = StaffingOracle.compute(read, OracleOptions.DEFAULTS);
            timings.put("score and staffing oracles (own thread)", seconds(begin));
            return result;
        });
        timings.put("prepare records", seconds(start));
        // the publisher creates the topics: before the job starts, so its sources find their partitions
        try (KafkaPublisher kafkaPublisher = KafkaPublisher.connect(kafka.bootstrapServers(), Map.of(),
                List.of(Topic.values()), true, Duration.ofSeconds(30))) {
            processingFrom = minute(Instant.now());
            JobClient job = start(kafka.bootstrapServers(), influx.url(), database);
            try (KafkaProducer<String, byte[]> rawProducer = rawProducer(kafka.bootstrapServers())) {
                long publishing = System.nanoTime();
                publishInPhases(kafkaPublisher, rawProducer, new AccountingProgress(influx, database));
                timings.put("publish and read", seconds(publishing));
                long waiting = System.nanoTime();
                expected = oracle.get(5, TimeUnit.MINUTES);
                timings.put("waiting for the oracle", seconds(waiting));
                long settling = System.nanoTime();
                awaitScorePoints(influx, database);
                timings.put("score points settled", seconds(settling));
                long healthWait = System.nanoTime();
                awaitHealthPoints(influx, database, Instant.now());
                timings.put("health points and next leaderboard minute", seconds(healthWait));
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        return this;
    }

    private static Instant minute(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), 60_000L) * 60_000L);
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1_000_000.0) / 1000.0;
    }

    /** Every record of every phase, and the arrivals in the order the job will read them. */
    private void prepare() throws InterruptedException {
        Recording recording = new Recording();
        HistoryBackfill backfill = new HistoryBackfill(network, HISTORY_DAYS, SURVEY_DAYS);
        BusinessImports imports = new BusinessImports(recording, network.networkKey());
        imports.registry(backfill.registryRows(), NOW);
        imports.appointments(backfill.appointmentRows(), NOW);
        imports.surveys(backfill.surveyRows(), NOW);
        for (Topic topic : IMPORTER_ORDER) {
            phases.add(new Phase("importers " + topic.topicName(),
                    recording.sends.stream().filter(s -> s.topic() == topic
                            || topic == Topic.SITE_REGISTRY && !IMPORTER_ORDER.contains(s.topic())).toList()));
        }
        Map<String, ZoneId> zones = new TreeMap<>();
        network.scenario().sites().forEach(s -> zones.put(s.id(), s.zone()));
        health = new HealthScenario(zones);
        List<AgentRecord> traffic = health.apply(backfill.trafficRecords());
        phases.addAll(phases(traffic, zones));
        KioskEvent sample = traffic.stream().map(AgentRecord::value).filter(KioskEvent.class::isInstance)
                .map(KioskEvent.class::cast).findFirst().orElseThrow();
        undecodable = health.undecodable(sample);
        phases.add(new Phase("undecodable records", List.of(), undecodable));
        for (Phase phase : phases) {
            phase.sends().stream().filter(s -> s.topic() != Topic.DEAD_LETTER).forEach(s -> arrivals.add(Arrival.of(s.value())));
            phase.raw().forEach(r -> arrivals.add(Arrival.undecodable(r.stream())));
        }
    }

    /**
     * The agent records cut into the sites' local days, each day's topics one after the other; a
     * record's site is its key (the agents key every record by site).
     */
    static List<Phase> phases(List<AgentRecord> traffic, Map<String, ZoneId> zones) {
        TreeMap<LocalDate, Map<Topic, List<Send>>> days = new TreeMap<>();
        for (AgentRecord r : traffic) {
            ZoneId zone = zones.get(r.key());
            if (zone == null) {
                throw new IllegalStateException("agent record keyed " + r.key() + ", not a site of the network " + zones.keySet());
            }
            LocalDate day = LocalDate.ofInstant(r.eventTime(), zone);
            days.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(r.topic(), t -> new ArrayList<>())
                    .add(new Send(r.topic(), r.key(), r.value()));
        }
        List<Phase> result = new ArrayList<>();
        days.forEach((day, topics) -> {
            for (Topic topic : PHASE_ORDER) {
                List<Send> sends = topics.remove(topic);
                if (sends != null) {
                    result.add(new Phase(day + " " + topic.topicName(), sends));
                }
            }
            if (!topics.isEmpty()) {
                throw new IllegalStateException("agent records on unexpected topics " + topics.keySet());
            }
        });
        return result;
    }

    private void publishInPhases(Publisher publisher, KafkaProducer<String, byte[]> rawProducer, AccountingProgress progress)
            throws Exception {
        Map<String, Long> published = new TreeMap<>();
        for (Phase phase : phases) {
            for (Send s : phase.sends()) {
                publisher.send(s.topic(), s.key(), s.value());
                if (s.topic() != Topic.DEAD_LETTER) {
                    published.merge(Arrival.of(s.value()).stream().tag(), 1L, Long::sum);
                }
            }
            for (HealthScenario.Undecodable r : phase.raw()) {
                rawProducer.send(new ProducerRecord<>(r.topic().topicName(), "undecodable", r.bytes())).get(30, TimeUnit.SECONDS);
                published.merge(r.stream().tag(), 1L, Long::sum);
            }
            Publisher.Acknowledgements acks = publisher.awaitAll();
            if (acks.failed() > 0) {
                throw new IllegalStateException("Kafka refused " + acks.failed() + " record(s): " + acks.firstError());
            }
            awaitRead(phase, published, progress);
        }
    }

    /**
     * Waits until the job has read the phase; fails when its accounting shows no progress for
     * {@link #READ_TIMEOUT} (a machine under heavy load slows the job down, a stuck job stops it).
     */
    private void awaitRead(Phase phase, Map<String, Long> published, AccountingProgress progress) throws InterruptedException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        Map<String, Long> received = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, Long> before = received;
            received = progress.receivedPerStream();
            if (!received.equals(before)) {
                deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            }
            Map<String, Long> seen = received;
            if (published.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("phase " + phase.name() + ": for " + READ_TIMEOUT + " the job's stream_accounting has shown "
                + "received " + received + ", published " + published + " - is the job running and writing "
                + "stream_accounting every " + ACCOUNTING_EMIT_INTERVAL.toMillis() + " ms (KpiOptions.withAccountingEmitInterval)?");
    }

    /**
     * The score points trail the accounting by a few operators: waits until every measurement holds
     * as many points as the oracle expects and no count changed for a second (at most
     * {@link #READ_TIMEOUT}; the tests then report what is missing).
     */
    private void awaitScorePoints(InfluxEndpoint influx, String database) throws InterruptedException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        Map<String, Long> previous = Map.of();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Long> counts = new TreeMap<>();
            expected.counts().keySet().forEach(m -> counts.put(m, AccountingProgress.count(influx, database, m)));
            if (!counts.equals(previous)) {
                previous = counts;
                stableSince = System.nanoTime();
            }
            boolean complete = expected.counts().entrySet().stream().allMatch(e -> counts.get(e.getKey()) >= e.getValue());
            if (complete && System.nanoTime() - stableSince > Duration.ofSeconds(1).toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until every record read shows in {@code input_rate}, every undecodable one in
     * {@code dead_letters}, and the leaderboard was written at a minute after {@code settled} (at most
     * {@link #READ_TIMEOUT} plus a minute; the tests then report what differs).
     */
    private void awaitHealthPoints(InfluxEndpoint influx, String database, Instant settled) throws InterruptedException {
        Map<String, Long> records = new TreeMap<>();
        arrivals.forEach(a -> records.merge(a.stream().tag(), 1L, Long::sum));
        Map<String, Long> deadLetters = new TreeMap<>();
        undecodable.forEach(u -> deadLetters.merge(u.stream().tag() + "|" + u.reason(), 1L, Long::sum));
        Instant leaderboardMinute = minute(settled).plus(Duration.ofMinutes(1));
        long deadline = System.nanoTime() + READ_TIMEOUT.plus(Duration.ofMinutes(1)).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> read = new TreeMap<>();
            InfluxRows.series(influx.query(database, "SELECT sum(\"events\") FROM \"input_rate\" GROUP BY \"stream\""))
                    .forEach(s -> read.put(s.tags().get("stream"), (long) s.rows().get(0).num("sum")));
            Map<String, Long> counted = new TreeMap<>();
            InfluxRows.series(influx.query(database, "SELECT last(\"count\") FROM \"dead_letters\" GROUP BY \"stream\", \"reason\""))
                    .forEach(s -> counted.put(s.tags().get("stream") + "|" + s.tags().get("reason"), (long) s.rows().get(0).num("last")));
            boolean leaderboard = !InfluxRows.rows(influx.query(database, "SELECT count(\"score\") FROM \"leaderboard\" WHERE time >= "
                    + leaderboardMinute.toEpochMilli() + "ms")).isEmpty();
            if (read.equals(records) && counted.equals(deadLetters) && leaderboard) {
                processingTo = minute(Instant.now()).plus(Duration.ofMinutes(1));
                return;
            }
            Thread.sleep(200);
        }
        processingTo = minute(Instant.now()).plus(Duration.ofMinutes(1));
    }

    private static KafkaProducer<String, byte[]> rawProducer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties);
    }

    private static JobClient start(String bootstrap, String influxUrl, String database) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, bootstrap, database, Topic.FOOTFALL, FootfallEvent.class),
                source(env, bootstrap, database, Topic.KIOSK, KioskEvent.class),
                source(env, bootstrap, database, Topic.APPOINTMENTS, AppointmentEvent.class),
                source(env, bootstrap, database, Topic.SURVEYS, SurveyResponse.class),
                source(env, bootstrap, database, Topic.SITE_REGISTRY, SiteRegistryVersion.class),
                source(env, bootstrap, database, Topic.AGENT_STATUS, AgentStatus.class));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new InfluxDbSink(InfluxDbSinkOptions.of(influxUrl, database, null, null)
                        .withBatching(2000, Duration.ofMillis(50))),
                new DiscardingSink<>(), new DiscardingSink<>());
        // The run waits for each phase on these totals: written a tenth of a second after a change (not
        // after every input, which would write every stream's totals ~20,000 times).
        KpiPipeline.build(inputs, outputs, KpiOptions.defaults().withAccountingEmitInterval(ACCOUNTING_EMIT_INTERVAL),
                ScoreOptions.defaults(), OutputOptions.defaults().withHealth(HealthOptions.defaults().withEmitInterval(HEALTH_EMIT_INTERVAL)));
        return env.executeAsync("dashboards-it " + database);
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(
            StreamExecutionEnvironment env, String bootstrap, String database, Topic topic, Class<T> type) {
        String stream = topic.valueType().streamName();
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic.topicName())
                .setGroupId("dashboards-it-" + database)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(DecodingDeserializationSchema.of(type, stream))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka " + topic.topicName())
                .uid("kafka-source-" + topic.name().toLowerCase(Locale.ROOT));
    }

    /** Keeps what the importers send, in order, to publish it later (every record acknowledged). */
    private static final class Recording implements Publisher {
        private final List<Send> sends = new ArrayList<>();
        private int unacknowledged;

        @Override
        public void send(Topic topic, String key, SpecificRecord value) {
            sends.add(new Send(topic, key, value));
            unacknowledged++;
        }

        @Override
        public Acknowledgements awaitAll() {
            Acknowledgements acks = new Acknowledgements(unacknowledged, 0, null);
            unacknowledged = 0;
            return acks;
        }

        @Override
        public void close() {}
    }
}
