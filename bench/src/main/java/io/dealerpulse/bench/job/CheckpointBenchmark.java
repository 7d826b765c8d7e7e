package io.dealerpulse.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealerpulse.bench.harness.KafkaInputs;
import io.dealerpulse.bench.harness.PacedFootfall;
import io.dealerpulse.bench.harness.Machine;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoint size and duration of the KPI job on RocksDB, and the state per site.
 *
 * <p>Data: the simulator's back-fill of {@code --sites} sites ({@link NetworkFill}: one whole day
 * before 2026-03-04T15:00Z and that day up to 15:00 - the state a site holds mid-afternoon: yesterday,
 * still correctable, and today). Job: the whole {@link KpiPipeline} (site KPIs, scores, comparisons;
 * points counted and discarded) with the product's state configuration ({@code JobOptions}: RocksDB,
 * incremental checkpoints unless {@code --incremental false}), unbounded Kafka sources, a checkpoint
 * every {@code --interval} seconds to a local directory, on a local mini-cluster whose REST API the
 * harness reads.
 *
 * <p>{@code --fill synthetic} replaces the back-fill by {@link SyntheticNetwork} ({@code --sites}
 * generated sites, {@code --visits} visits each in a day-slice): cheap enough for 10,000 sites.
 *
 * <p>Measured: the job runs until the Kafka offsets its checkpoints commit reach the end of every
 * input topic, then one more periodic checkpoint holds the state after the whole input; then a
 * <b>FULL</b> checkpoint is triggered through the REST API ({@code POST /jobs/<id>/checkpoints}); then
 * either {@code --after} more periodic checkpoints with no input, or, with {@code --steady-rate},
 * {@code --steady-seconds} of reception entries over every site ({@link SteadyInput}) and the periodic
 * (incremental) checkpoints completed inside that span. Reported from Flink's checkpoint statistics: per checkpoint its full state size
 * ({@code state_size}), the bytes it uploaded ({@code checkpointed_size}; equal to the full size for a
 * full checkpoint) and its end-to-end duration (trigger to the last acknowledgement); per operator the
 * full state size of the first checkpoint holding the whole input; then a canonical savepoint (the
 * portable full copy) timed from trigger to its path returned, and its size on disk.
 * State per site = the keyed operators' full state / sites (Kafka source offsets excluded). The
 * 10,000-site figures are this per-site size × 10,000: the keyed state is per site, with no
 * cross-site part except the comparisons' per-country state, which is small and reported apart.
 */
public final class CheckpointBenchmark {
    private static final List<Topic> INPUTS = List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS, Topic.SURVEYS,
            Topic.SITE_REGISTRY, Topic.AGENT_STATUS);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int sites = 200;
        int days = 1;
        int parallelism = 1;
        boolean incremental = true;
        int intervalSeconds = 10;
        int after = 2;
        String fillKind = "simulator";
        int visits = 20;
        int steadyRate = 0;
        int steadySeconds = 60;
        int timeoutMinutes = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--sites" -> sites = Integer.parseInt(value);
                case "--days" -> days = Integer.parseInt(value);
                case "--parallelism" -> parallelism = Integer.parseInt(value);
                case "--incremental" -> incremental = Boolean.parseBoolean(value);
                case "--interval" -> intervalSeconds = Integer.parseInt(value);
                case "--after" -> after = Integer.parseInt(value);
                case "--fill" -> fillKind = value;
                case "--visits" -> visits = Integer.parseInt(value);
                case "--steady-rate" -> steadyRate = Integer.parseInt(value);
                case "--steady-seconds" -> steadySeconds = Integer.parseInt(value);
                case "--checkpoint-timeout" -> timeoutMinutes = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --sites --days"
                        + " --parallelism --incremental --interval --after --fill simulator|synthetic --visits"
                        + " --steady-rate --steady-seconds --checkpoint-timeout (minutes)");
            }
        }
        if (!fillKind.equals("simulator") && !fillKind.equals("synthetic")) {
            throw new IllegalArgumentException("--fill is simulator or synthetic, got " + fillKind);
        }
        System.out.println(Machine.describe());
        TrustedAvroClasses.register();
        Path dir = Files.createTempDirectory("dealerpulse-bench-checkpoints");
        List<String> results = new ArrayList<>();
        try (KafkaEndpoint kafka = TestServers.current().startKafka()) {
            long fillStart = System.nanoTime();
            String fillLine;
            long records;
            if (fillKind.equals("synthetic")) {
                SyntheticNetwork network = new SyntheticNetwork(sites, visits);
                records = network.fill(kafka);
                fillLine = String.format(Locale.ROOT, "synthetic fill: %d sites x %d visits = %d records (%d per site)"
                        + " in %.1f s", sites, visits, records, network.recordsPerSite(),
                        (System.nanoTime() - fillStart) / 1e9);
            } else {
                NetworkFill.Filled fill = NetworkFill.fill(kafka, sites, days, INPUTS);
                records = fill.records();
                fillLine = "simulator fill: " + fill;
            }
            System.out.println(fillLine + "; " + Machine.load());
            int restPort = freePort();
            String group = "bench-checkpoints-" + System.nanoTime();
            StreamExecutionEnvironment env = environment(parallelism, incremental, intervalSeconds, timeoutMinutes, dir,
                    restPort);
            build(env, kafka.bootstrapServers(), group);
            long start = System.nanoTime();
            JobClient job = env.executeAsync("bench checkpoints");
            String base = "http://localhost:" + restPort + "/jobs/" + job.getJobID();
            try (Admin admin = Admin.create(adminProperties(kafka.bootstrapServers()))) {
                while (!consumedAll(admin, group)) {
                    Thread.sleep(1_000);
                    if (job.getJobStatus().get().isGloballyTerminalState()) {
                        throw new IllegalStateException("the job ended before consuming its input: see its log");
                    }
                }
            }
            double consumeSeconds = (System.nanoTime() - start) / 1e9;
            String consumed = String.format(Locale.ROOT, "input consumed and committed by a checkpoint after %.1f s"
                    + " (%.0f records/s, checkpoints included); %s", consumeSeconds, records / consumeSeconds,
                    Machine.load());
            System.out.println(consumed);
            long fullCheckpoint = latestCompletedId(base);
            // The first periodic checkpoint after the one that committed the end offsets: it holds the whole input.
            while (latestCompletedId(base) <= fullCheckpoint) {
                Thread.sleep(500);
            }
            long wholeInput = latestCompletedId(base);
            String loadAtFull = Machine.load();
            long forcedFull = triggerFullCheckpoint(base);
            String forcedLine = describe(details(base, forcedFull),
                    "FULL checkpoint triggered through the REST API", loadAtFull);
            System.out.println(forcedLine);

            List<String> steadyLines = new ArrayList<>();
            if (steadyRate > 0) {
                long steadyFrom = System.currentTimeMillis();
                PacedFootfall steady = SteadyInput.start(kafka.bootstrapServers(), sites, steadyRate,
                        SyntheticNetwork.NOW);
                Thread.sleep(steadySeconds * 1000L);
                String loadInSteady = Machine.load();
                long steadyTo = System.currentTimeMillis();
                long sent = steady.stop();
                steadyLines.add(String.format(Locale.ROOT, "steady input: %d reception entries in %d s"
                        + " (%d/s offered, round robin over %d sites, event time from %s on); %s", sent,
                        steadySeconds, steadyRate, sites, SyntheticNetwork.NOW, loadInSteady));
                for (JsonNode cp : completed(base)) {
                    long triggered = cp.path("trigger_timestamp").asLong();
                    if (triggered >= steadyFrom && triggered + cp.path("end_to_end_duration").asLong() <= steadyTo) {
                        steadyLines.add("  " + line(cp));
                    }
                }
            } else {
                long target = forcedFull + after;
                while (latestCompletedId(base) < target) {
                    Thread.sleep(1_000);
                }
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode cp : completed(base)) {
                long id = cp.path("id").asLong();
                lines.add(line(cp) + (id == wholeInput ? "  <- first holding the whole input"
                        : id == forcedFull ? "  <- forced FULL" : ""));
            }
            Map<String, String> names = vertexNames(base);
            JsonNode details = details(base, forcedFull).path("tasks");
            long keyed = 0;
            List<String> operators = new ArrayList<>();
            List<Map.Entry<String, Long>> sizes = new ArrayList<>();
            for (var it = details.fields(); it.hasNext(); ) {
                var task = it.next();
                long size = task.getValue().path("state_size").asLong();
                String name = names.getOrDefault(task.getKey(), task.getKey());
                sizes.add(Map.entry(name, size));
                if (!name.startsWith("Source:")) {
                    keyed += size;
                }
            }
            sizes.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            sizes.forEach(e -> operators.add(String.format(Locale.ROOT, "  %,15d bytes  %s", e.getValue(), e.getKey())));
            String loadAtSavepoint = Machine.load();
            long savepointStart = System.nanoTime();
            String savepoint = job.triggerSavepoint(dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            long savepointMillis = (System.nanoTime() - savepointStart) / 1_000_000;
            long savepointBytes = sizeOnDisk(Path.of(URI.create(savepoint)));
            job.cancel().get();

            long perSite = keyed / sites;
            results.add(String.format(Locale.ROOT, "%d sites, %d input records, parallelism %d, RocksDB, incremental %s,"
                    + " interval %d s", sites, records, parallelism, incremental, intervalSeconds));
            results.add(fillLine);
            results.add(consumed);
            results.addAll(lines);
            results.add(forcedLine);
            results.addAll(steadyLines);
            results.add("full state per operator, checkpoint " + forcedFull + ":");
            results.addAll(operators);
            results.add(String.format(Locale.ROOT, "operators' state without the sources: %s = %,d bytes per site",
                    mib(keyed), perSite));
            results.add(String.format(Locale.ROOT, "canonical savepoint: %s on disk = %,d bytes per site, %d ms"
                    + " (trigger -> path); %s", mib(savepointBytes), savepointBytes / sites, savepointMillis,
                    loadAtSavepoint));
            if (sites < 10_000) {
                results.add(String.format(Locale.ROOT, "10,000 sites by linear extrapolation: %s of operator state",
                        mib(perSite * 10_000L)));
            }
        } finally {
            deleteRecursively(dir);
        }
        // Printed once every server has stopped, so no log line interleaves with the figures.
        System.out.println("=== results ===");
        results.forEach(System.out::println);
        System.out.println(Machine.describe());
    }

    /** Triggers a full (non-incremental) checkpoint and waits for it; returns its id. */
    private static long triggerFullCheckpoint(String base) throws Exception {
        JsonNode trigger = post(base + "/checkpoints", "{\"checkpointType\":\"FULL\"}");
        String request = trigger.path("request-id").asText();
        while (true) {
            JsonNode status = get(base + "/checkpoints/" + request);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                JsonNode failure = operation.path("failureCause");
                if (!failure.isMissingNode() && !failure.isNull()) {
                    throw new IllegalStateException("the FULL checkpoint failed (" + failure.path("class").asText()
                            + "; see the job log): on a loaded machine raise --checkpoint-timeout");
                }
                return operation.path("checkpointId").asLong();
            }
            Thread.sleep(200);
        }
    }

    /** A checkpoint's statistics; they reach the REST API a moment after the trigger reports completion. */
    private static JsonNode details(String base, long checkpoint) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return get(base + "/checkpoints/details/" + checkpoint);
            } catch (IllegalStateException notYet) {
                if (attempt >= 60) {
                    throw notYet;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static List<JsonNode> completed(String base) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode cp : get(base + "/checkpoints").path("history")) {
            if ("COMPLETED".equals(cp.path("status").asText())) {
                result.add(cp);
            }
        }
        result.sort(java.util.Comparator.comparingLong(cp -> cp.path("id").asLong()));
        return result;
    }

    private static String line(JsonNode cp) {
        return String.format(Locale.ROOT, "checkpoint %d: full state %s, uploaded %s, end-to-end %d ms",
                cp.path("id").asLong(), mib(cp.path("state_size").asLong()),
                mib(cp.path("checkpointed_size").asLong()), cp.path("end_to_end_duration").asLong());
    }

    private static String describe(JsonNode cp, String what, String load) {
        return what + ": " + line(cp) + "; " + load;
    }

    private static StreamExecutionEnvironment environment(int parallelism, boolean incremental, int intervalSeconds,
            int timeoutMinutes, Path dir, int restPort) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(intervalSeconds));
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(timeoutMinutes));
        conf.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        conf.set(RestOptions.PORT, restPort);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static void build(StreamExecutionEnvironment env, String bootstrap, String group) {
        KpiPipeline.build(KafkaInputs.unbounded(env, bootstrap, group).all(),
                new KpiPipeline.Outputs(new CountingSink<>(), new CountingSink<>(), new CountingSink<>()),
                KpiOptions.defaults());
    }

    /** Whether the offsets committed (on checkpoint completion) for the group equal every input's end offsets. */
    private static boolean consumedAll(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (Topic topic : INPUTS) {
            admin.describeTopics(List.of(topic.topicName())).allTopicNames().get().get(topic.topicName()).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic.topicName(), p.partition()), OffsetSpec.latest()));
        }
        var ends = admin.listOffsets(request).all().get();
        for (var end : ends.entrySet()) {
            long endOffset = end.getValue().offset();
            OffsetAndMetadata at = committed.get(end.getKey());
            if (endOffset > 0 && (at == null || at.offset() < endOffset)) {
                return false;
            }
        }
        return true;
    }

    private static long latestCompletedId(String base) throws Exception {
        return get(base + "/checkpoints").path("latest").path("completed").path("id").asLong(-1);
    }

    private static Map<String, String> vertexNames(String base) throws Exception {
        Map<String, String> names = new HashMap<>();
        for (JsonNode vertex : get(base).path("vertices")) {
            names.put(vertex.path("id").asText(), vertex.path("name").asText());
        }
        return names;
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Flink REST POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Flink REST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Properties adminProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long sizeOnDisk(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / 1024.0 / 1024.0);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
