package io.dealerpulse.jobs.app;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.reprocess.InfluxRangeStore;
import io.dealerpulse.jobs.reprocess.InputSelection;
import io.dealerpulse.jobs.reprocess.RangeRestrictedSink;
import io.dealerpulse.jobs.reprocess.ReplayEqualMeasurements;
import io.dealerpulse.jobs.reprocess.ReprocessRange;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reprocesses an event-time range: the same {@link KpiPipeline} as {@link KpiJob}, in Flink's BATCH
 * runtime mode, over bounded Kafka sources (earliest offsets up to the offsets at start), and the
 * result <em>replaces</em> the range's replay-equal points in InfluxDB (see {@code docs/reprocessing.md}).
 *
 * <pre>
 * java -cp dealerpulse-jobs.jar:$FLINK_HOME/lib/* io.dealerpulse.jobs.app.ReprocessJob \
 *     --config jobs.properties --from 2026-11-01 --to 2026-11-08
 * flink run -c io.dealerpulse.jobs.app.ReprocessJob dealerpulse-jobs.jar --config jobs.properties --from ... --to ...
 * </pre>
 *
 * Steps, each printed: select the range and its warm-up/tail; delete the range's replay-equal
 * points; run the batch job; print the points now stored per measurement. Dead letters and
 * too-late events are not re-published (the live job did that); accounting and live comparisons
 * are not written (see {@link ReplayEqualMeasurements}).
 */
public final class ReprocessJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReprocessJob.class);
    /** Arguments of this command on top of the {@link JobOptions} keys. */
    static final String FROM = "from";
    static final String TO = "to";
    static final String WARM_UP_DAYS = "warm-up-days";
    static final String TAIL_DAYS = "tail-days";
    /** Consumer group of the bounded sources (no offsets are committed: a batch job takes no checkpoints). */
    static final String GROUP_SUFFIX = "-reprocess";

    private ReprocessJob() {}

    public static void main(String[] args) throws Exception {
        TrustedAvroClasses.register();
        Command command;
        JobOptions options;
        try {
            command = Command.parse(args);
            options = JobOptions.parse(command.jobArguments(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("The reprocessing cannot start: " + e.getMessage());
            System.err.println("Usage: ReprocessJob --config jobs.properties --from 2026-11-01 --to 2026-11-08"
                    + " [--warm-up-days 46] [--tail-days 3] [--key value ...]; see docs/reprocessing.md");
            System.exit(2);
            return;
        }
        Map<String, Long> stored = run(options, command.range(), System.out::println);
        System.out.println("Done. Points stored in the range per measurement: " + stored);
    }

    /**
     * Deletes the range's replay-equal points, runs the batch job, and returns the points then
     * stored in the range per measurement. {@code progress} receives one line per step.
     */
    public static Map<String, Long> run(JobOptions options, ReprocessRange range, java.util.function.Consumer<String> progress)
            throws Exception {
        Instant started = Instant.now();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batchConfiguration(options));
        wire(env, options, range);
        try (InfluxRangeStore store = new InfluxRangeStore(options.influx(), options.outputs().groupDatabasePrefix())) {
            progress.accept("Reprocessing " + range + " into database " + options.influx().database()
                    + " and the investor-group databases " + store.groupDatabases());
            progress.accept("1/3 deleting " + ReplayEqualMeasurements.ALL + " in the range (had "
                    + store.count(range, ReplayEqualMeasurements.ALL) + " in " + options.influx().database() + ")");
            store.delete(range, ReplayEqualMeasurements.ALL);
            progress.accept("2/3 running the BATCH job (Kafka from the earliest offsets to those at start)");
            JobExecutionResult result = env.execute(options.jobName() + " - reprocessing " + range.from() + " .. " + range.to());
            Map<String, Long> stored = store.count(range, ReplayEqualMeasurements.ALL);
            progress.accept("3/3 job " + result.getJobID() + " finished in " + result.getNetRuntime() / 1000 + " s; "
                    + "total " + Duration.between(started, Instant.now()).toSeconds() + " s");
            LOG.info("Reprocessing {} stored {}", range, stored);
            return stored;
        }
    }

    /**
     * The job's configuration in BATCH mode: no checkpoints (a bounded batch job restarts from its
     * blocking intermediate results, not from checkpoints), state kept per key in sorted input.
     *
     * <p>The default scheduler, not the adaptive batch scheduler: with the adaptive one the stream
     * graph is "dynamic", every forward edge between operators without an explicit parallelism
     * becomes a {@code ForwardForUnspecifiedPartitioner} edge that Flink 2.2 marks as not key
     * correlated, and the scheduler may balance one producer's output over several consumer subtasks.
     * The versions of a rewritten point (a window as later events of its day arrive) then reach the
     * sink over two channels in either order and the older one can land last (measured: 2-8 of 1,244
     * windows differed between two runs). Plain forward edges keep each producer's order; see also
     * {@link RangeRestrictedSink}.
     */
    static Configuration batchConfiguration(JobOptions options) {
        Configuration config = options.flinkConfiguration();
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        config.set(JobManagerOptions.SCHEDULER, JobManagerOptions.SchedulerType.Default);
        config.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        config.set(PipelineOptions.NAME, options.jobName() + " - reprocessing");
        return config;
    }

    /** Adds the bounded sources, the KPI topology and the range-restricted InfluxDB sink to {@code env}. */
    public static void wire(StreamExecutionEnvironment env, JobOptions options, ReprocessRange range) {
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, options, range, Topic.FOOTFALL, FootfallEvent.class, InputSelection.footfall()),
                source(env, options, range, Topic.KIOSK, KioskEvent.class, InputSelection.kiosk()),
                source(env, options, range, Topic.APPOINTMENTS, AppointmentEvent.class, InputSelection.appointments()),
                source(env, options, range, Topic.SURVEYS, SurveyResponse.class, InputSelection.surveys()),
                source(env, options, range, Topic.SITE_REGISTRY, SiteRegistryVersion.class, InputSelection.registry()),
                source(env, options, range, Topic.AGENT_STATUS, AgentStatus.class, InputSelection.agentStatus()));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new RangeRestrictedSink(new InfluxDbSink(options.influx()), range),
                new DiscardingSink<>(),
                new DiscardingSink<>());
        KpiPipeline.build(inputs, outputs, options.kpi(), options.score(), options.outputs());
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(StreamExecutionEnvironment env,
            JobOptions options, ReprocessRange range, Topic topic, Class<T> recordClass, InputSelection<T> selection) {
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setProperties(options.kafkaProperties())
                .setBootstrapServers(options.kafkaBootstrapServers())
                .setTopics(options.topic(topic))
                .setGroupId(options.kafkaGroupId() + GROUP_SUFFIX)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setDeserializer(KpiJob.deserializer(options, topic, recordClass))
                .build();
        // Record timestamps = the selection's sort time: BATCH sorts each key's input by it (see InputSelection).
        WatermarkStrategy<Either<T, DeadLetter>> timestamps = WatermarkStrategy.<Either<T, DeadLetter>>noWatermarks()
                .withTimestampAssigner((record, kafkaTimestamp) -> record.isLeft()
                        ? selection.timestamp(record.left()) : kafkaTimestamp);
        FilterFunction<Either<T, DeadLetter>> inRange = record -> record.isLeft() && selection.selected(record.left(), range);
        return env.fromSource(source, timestamps, "Kafka " + options.topic(topic) + " (bounded)")
                .uid(KpiJob.sourceUid(topic))
                .filter(inRange)
                .uid(KpiJob.sourceUid(topic) + "-range").name("Select " + topic.name().toLowerCase(java.util.Locale.ROOT)
                        + " by event time");
    }

    /** This command's own arguments (range, warm-up, tail) and the rest, for {@link JobOptions#parse}. */
    record Command(ReprocessRange range, String[] jobArguments) {
        static Command parse(String[] args) {
            String from = null;
            String to = null;
            Duration warmUp = ReprocessRange.DEFAULT_WARM_UP;
            Duration tail = ReprocessRange.DEFAULT_TAIL;
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : "";
                boolean hasValue = i + 1 < args.length;
                switch (name) {
                    case FROM -> from = value(args, i++, hasValue);
                    case TO -> to = value(args, i++, hasValue);
                    case WARM_UP_DAYS -> warmUp = Duration.ofDays(days(value(args, i++, hasValue), WARM_UP_DAYS));
                    case TAIL_DAYS -> tail = Duration.ofDays(days(value(args, i++, hasValue), TAIL_DAYS));
                    default -> rest.add(args[i]);
                }
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("--from and --to are required (dates like 2026-11-01, UTC midnight,"
                        + " or ISO instants)");
            }
            if (warmUp.compareTo(ReprocessRange.DEFAULT_WARM_UP) < 0) {
                LOG.warn("--{} {} is shorter than {} days: trends and 30-day satisfaction of the range's first days will"
                        + " miss history and differ from the live job's", WARM_UP_DAYS, warmUp.toDays(),
                        ReprocessRange.DEFAULT_WARM_UP.toDays());
            }
            ReprocessRange range = new ReprocessRange(ReprocessRange.parseBound(from), ReprocessRange.parseBound(to), warmUp, tail);
            return new Command(range, rest.toArray(String[]::new));
        }

        private static String value(String[] args, int i, boolean hasValue) {
            if (!hasValue) {
                throw new IllegalArgumentException(args[i] + " has no value");
            }
            return args[i + 1];
        }

        private static long days(String text, String key) {
            try {
                long days = Long.parseLong(text);
                if (days >= 0) {
                    return days;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--" + key + " '" + text + "' is not a whole number of days >= 0");
        }
    }
}
