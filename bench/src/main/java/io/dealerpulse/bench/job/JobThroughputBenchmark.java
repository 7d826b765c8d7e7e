package io.dealerpulse.bench.job;

import io.dealerpulse.bench.harness.KafkaInputs;
import io.dealerpulse.bench.harness.Machine;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * KPI topology throughput over pre-filled topics, against a baseline job on the same records.
 *
 * <p>Fill ({@link NetworkFill}): the simulator's back-fill of a seeded {@code --sites} network
 * ({@code --days} whole days of traffic before 2026-03-04T15:00Z plus that day up to it; registry,
 * appointments, surveys, agent records) into the testkit's in-JVM Kafka, exactly as the demo loads
 * history. Then, per parallelism in
 * {@code --parallelism} (e.g. {@code 1,2}): the baseline job (the six Kafka sources with the product's
 * {@code DecodingDeserializationSchema} -> discard) and the full {@link KpiPipeline} (InfluxDB points
 * counted and discarded: the sink is measured on its own by {@code InfluxSinkBenchmark}). Both read
 * every topic from earliest to the end offsets seen at start ({@code setBounded(latest)}); rate =
 * input records / job net runtime. {@code --mode streaming} (default, how the product runs) or
 * {@code batch}. {@code --accounting-on-every-event true} measures the configuration of the bounded
 * integration tests (an accounting point per event) instead of the product default.
 *
 * <p>One untimed baseline job runs first to warm the JVM (class loading, JIT).
 *
 * <p>Caveat printed with the figures: the Kafka broker runs in this JVM on the same two cores, so
 * both jobs pay for its fetches; the ratio is fair, the absolute rate is low.
 */
public final class JobThroughputBenchmark {
    private static final List<Topic> INPUTS = List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS, Topic.SURVEYS,
            Topic.SITE_REGISTRY, Topic.AGENT_STATUS);

    public static void main(String[] args) throws Exception {
        int sites = 200;
        int days = 1;
        List<Integer> parallelisms = List.of(1, 2);
        RuntimeExecutionMode mode = RuntimeExecutionMode.STREAMING;
        boolean accountingOnEveryEvent = false;
        String stateBackend = "hashmap";
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--sites" -> sites = Integer.parseInt(value);
                case "--days" -> days = Integer.parseInt(value);
                case "--parallelism" -> parallelisms = java.util.Arrays.stream(value.split(","))
                        .map(String::strip).map(Integer::valueOf).toList();
                case "--mode" -> mode = RuntimeExecutionMode.valueOf(value.toUpperCase(Locale.ROOT));
                case "--accounting-on-every-event" -> accountingOnEveryEvent = Boolean.parseBoolean(value);
                case "--state-backend" -> stateBackend = stateBackend(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --sites --days --parallelism --mode --accounting-on-every-event"
                        + " --state-backend hashmap|rocksdb");
            }
        }
        System.out.println(Machine.describe());
        TrustedAvroClasses.register();
        List<String> results = new ArrayList<>();
        try (KafkaEndpoint kafka = TestServers.current().startKafka()) {
            NetworkFill.Filled fill = NetworkFill.fill(kafka, sites, days, INPUTS);
            long records = fill.records();
            System.out.println("fill: " + fill);
            // Warm-up: the first job in a JVM pays for class loading and JIT; it is not reported.
            run(kafka, 1, mode, false, false, stateBackend, "warm-up");
            CountingSink.COUNT.reset();
            for (int p : parallelisms) {
                double baseline = records / run(kafka, p, mode, false, false, stateBackend, "baseline-p" + p);
                long baselineOut = CountingSink.COUNT.sumThenReset();
                double kpi = records / run(kafka, p, mode, true, accountingOnEveryEvent, stateBackend,
                        "kpi-p" + p);
                long points = CountingSink.COUNT.sumThenReset();
                String line = String.format(Locale.ROOT, "parallelism %d (%s): %d records; baseline %.0f events/s"
                        + " (%d decoded), KPI topology %.0f events/s (%d points), ratio %.2f; per slot: baseline %.0f,"
                        + " KPI %.0f events/s; accounting on every event %s; state backend %s; %s", p, mode, records,
                        baseline, baselineOut, kpi, points, kpi / baseline, baseline / p, kpi / p,
                        accountingOnEveryEvent, stateBackend, Machine.load());
                System.out.println(line);
                results.add(line);
            }
        }
        System.out.println("=== results ===");
        results.forEach(System.out::println);
    }

    /** Net runtime in seconds of one job over all six topics. */
    private static double run(KafkaEndpoint kafka, int parallelism, RuntimeExecutionMode mode, boolean kpi,
            boolean accountingOnEveryEvent, String stateBackend, String name) throws Exception {
        Configuration conf = new Configuration();
        // hashmap: state as heap objects; rocksdb: the product's backend (JobOptions), every state read a
        // deserialization. Checkpointing is off either way: this measures processing only.
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(parallelism);
        env.setRuntimeMode(mode);
        String bootstrap = kafka.bootstrapServers();
        String group = "bench-" + name + "-" + System.nanoTime();
        KpiPipeline.Inputs inputs = KafkaInputs.bounded(env, bootstrap, group).all();
        if (kpi) {
            // Product defaults: accounting points on a processing-time interval. The bounded integration
            // runs write accounting on every event instead (timers may not fire before the input ends);
            // --accounting-on-every-event true measures that configuration, which emits ~5 points per event.
            KpiPipeline.build(inputs,
                    new KpiPipeline.Outputs(new CountingSink<>(), new CountingSink<>(), new CountingSink<>()),
                    KpiOptions.defaults().withAccountingOnEveryEvent(accountingOnEveryEvent));
        } else {
            inputs.footfall().sinkTo(new CountingSink<>());
            inputs.kiosk().sinkTo(new CountingSink<>());
            inputs.appointments().sinkTo(new CountingSink<>());
            inputs.surveys().sinkTo(new CountingSink<>());
            inputs.registry().sinkTo(new CountingSink<>());
            inputs.agentStatus().sinkTo(new CountingSink<>());
        }
        JobExecutionResult result = env.execute("bench " + name);
        return result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    }

    private static String stateBackend(String value) {
        if (!value.equals("hashmap") && !value.equals("rocksdb")) {
            throw new IllegalArgumentException("--state-backend must be hashmap or rocksdb, got " + value);
        }
        return value;
    }
}
