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
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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

/**
 * One real pipeline run that fills InfluxDB for the dashboard tests: the simulator's seeded network
 * (registry, bookings and 30 days of surveys through the importer, then {@value #HISTORY_DAYS} whole
 * days of the agents' records and today's up to {@link #NOW}) published into real Kafka while the
 * production topology ({@link KpiPipeline#build}) runs on a local Flink cluster with the real
 * InfluxDB sink.
 *
 * <p>Published in phases so the order in which the job reads the records — and with it every live
 * minute score — is fixed and known: first the importers, then per {@link #PHASE} of event time the
 * footfall, then the kiosk, then the heartbeat records of that period, each published only once the
 * job's {@code stream_accounting} shows the previous one read. Inside a phase one topic is read, in
 * Kafka's per-site order, so {@link #arrivals()} (every record as published, in that order) is
 * exactly what each site's operators saw, and the jobs' score oracle computes every point from it.
 * The price: inside a period the kiosk records reach the job after the footfall has moved the clock
 * through it, so live minutes during the day lack that period's kiosk events (corrected in windows and
 * daily scores, as any late event within the allowed lateness).
 *
 * <p>Dead letters and late events go to discarding sinks: the dashboards read their counts from
 * {@code stream_accounting}, which the topology writes either way.
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
    /** Event-time period of one publication phase (aligned on UTC). */
    public static final Duration PHASE = Duration.ofHours(8);
    private static final List<Topic> PHASE_ORDER = List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.AGENT_STATUS);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final SimulatedNetwork network = new SimulatedNetwork(NetworkScenario.of(SITES, SEED), NOW, HISTORY_DAYS);
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, Long> published = new TreeMap<>();
    private int phases;
    private ScoreExpectations expected;
    private final Map<String, Double> timings = new java.util.LinkedHashMap<>();

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

    /** Seconds spent per step of the run, for the report. */
    public Map<String, Double> timings() {
        return timings;
    }

    /** Publication phases waited for (importers included). */
    public int phases() {
        return phases;
    }

    /**
     * Publishes the history phase by phase while the topology runs; returns once the job has read
     * every record and {@code settled} says its outputs are complete (then the job is cancelled).
     */
    public PipelineRun run(KafkaEndpoint kafka, InfluxEndpoint influx, String database) throws Exception {
        TrustedAvroClasses.register();
        influx.createDatabase(database);
        // the publisher creates the topics: before the job starts, so its sources find their partitions
        try (KafkaPublisher kafkaPublisher = KafkaPublisher.connect(kafka.bootstrapServers(), Map.of(),
                List.of(Topic.values()), true, Duration.ofSeconds(30))) {
            JobClient job = start(kafka.bootstrapServers(), influx.url(), database);
            try {
                long start = System.nanoTime();
                publishInPhases(kafkaPublisher, influx, database);
                long published = System.nanoTime();
                expected = ScoreExpectations.of(arrivals);
                timings.put("publish and read", (published - start) / 1_000_000_000.0);
                timings.put("score oracle", (System.nanoTime() - published) / 1_000_000_000.0);
                long oracleDone = System.nanoTime();
                awaitScorePoints(influx, database);
                timings.put("score points settled", (System.nanoTime() - oracleDone) / 1_000_000_000.0);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        return this;
    }

    private void publishInPhases(KafkaPublisher kafkaPublisher, InfluxEndpoint influx, String database)
        throws InterruptedException {
        Publisher publisher = new Capturing(kafkaPublisher);
        AccountingProgress progress = new AccountingProgress(influx, database);
        HistoryBackfill backfill = new HistoryBackfill(network, HISTORY_DAYS, SURVEY_DAYS);
        BusinessImports imports = new BusinessImports(publisher, network.networkKey());
        imports.registry(backfill.registryRows(), NOW);
        imports.appointments(backfill.appointmentRows(), NOW);
        imports.surveys(backfill.surveyRows(), NOW);
        awaitRead(progress);
        for (List<AgentRecord> phase : phases(backfill.trafficRecords())) {
            phase.forEach(r -> publisher.send(r.topic(), r.key(), r.value()));
            Publisher.Acknowledgements acks = publisher.awaitAll();
            if (acks.failed() > 0) {
                throw new IllegalStateException("Kafka refused " + acks.failed() + " record(s): " + acks.firstError());
            }
            awaitRead(progress);
        }
    }

    /** The agent records cut into periods of {@link #PHASE}, each period's topics one after the other. */
    static List<List<AgentRecord>> phases(List<AgentRecord> traffic) {
        TreeMap<Long, Map<Topic, List<AgentRecord>>> periods = new TreeMap<>();
        for (AgentRecord r : traffic) {
            long period = Math.floorDiv(r.eventTime().toEpochMilli(), PHASE.toMillis());
            periods.computeIfAbsent(period, p -> new TreeMap<>()).computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
        }
        List<List<AgentRecord>> result = new ArrayList<>();
        for (Map<Topic, List<AgentRecord>> period : periods.values()) {
            for (Topic topic : PHASE_ORDER) {
                List<AgentRecord> records = period.remove(topic);
                if (records != null) {
                    result.add(records);
                }
            }
            if (!period.isEmpty()) {
                throw new IllegalStateException("agent records on unexpected topics " + period.keySet());
            }
        }
        return result;
    }

    private void awaitRead(AccountingProgress progress) throws InterruptedException {
        phases++;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        Map<String, Long> received = Map.of();
        while (System.nanoTime() < deadline) {
            received = progress.receivedPerStream();
            Map<String, Long> seen = received;
            if (published.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("phase " + phases + ": after " + READ_TIMEOUT + " the job's stream_accounting shows "
                + "received " + received + ", published " + published + " - is the job running and writing "
                + "stream_accounting on every event (KpiOptions.withAccountingOnEveryEvent)?");
    }

    /**
     * The score points trail the accounting by a few operators: waits until every measurement holds
     * as many points as the oracle expects and no count changed for a second (at most a minute; the
     * tests then report what is missing).
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
        // The run waits for each phase on these totals.
        KpiPipeline.build(inputs, outputs, KpiOptions.defaults().withAccountingOnEveryEvent(true));
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

    /** Sends through Kafka and keeps every input record, in send order, as the job will read it. */
    private final class Capturing implements Publisher {
        private final Publisher delegate;

        Capturing(Publisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(Topic topic, String key, SpecificRecord value) {
            delegate.send(topic, key, value);
            if (topic != Topic.DEAD_LETTER) {
                Arrival arrival = Arrival.of(value);
                arrivals.add(arrival);
                published.merge(arrival.stream().tag(), 1L, Long::sum);
            }
        }

        @Override
        public Acknowledgements awaitAll() throws InterruptedException {
            return delegate.awaitAll();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
