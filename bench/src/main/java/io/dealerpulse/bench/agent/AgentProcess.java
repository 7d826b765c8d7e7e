package io.dealerpulse.bench.agent;

import io.dealerpulse.agent.AgentMain;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge agent as it runs on a site: its own JVM ({@code AgentMain --config agent.yaml}) under
 * {@code -Xmx64m}, the product's default settings except those the benchmark varies. Start-up time
 * is from process launch to {@code /health} answering 200 (MQTT connected, outbox writable).
 */
final class AgentProcess implements AutoCloseable {
    static final String USER = "agent";
    static final String PASSWORD = "agent-password";

    private static final Pattern DEPTH = Pattern.compile("\"outbox_depth\":(\\d+)");

    private final Process process;
    private final long startupNanos;
    private final int httpPort;

    private AgentProcess(Process process, long startupNanos, int httpPort) {
        this.process = process;
        this.startupNanos = startupNanos;
        this.httpPort = httpPort;
    }

    /** Entries waiting in the outbox, from {@code /health}. */
    long outboxDepth() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = DEPTH.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no outbox_depth in the agent's /health answer: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The forwarder's rounds so far, from {@code /metrics}: count, events per round and the mean time
     * per round reading the outbox, awaiting Kafka's answers and removing the acknowledged entries.
     */
    String forwarderRounds() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        long rounds = metric(body, "dealerpulse_agent_forward_rounds_total");
        if (rounds == 0) {
            return "no round yet";
        }
        long forwarded = metric(body, "dealerpulse_agent_events_forwarded_total");
        return String.format(java.util.Locale.ROOT, "%d rounds, %.1f events/round; per round: read %.1f ms, send to"
                + " last ack %.1f ms, remove %.1f ms; group commits %d", rounds, forwarded / (double) rounds,
                metric(body, "dealerpulse_agent_forward_read_ms_total") / (double) rounds,
                metric(body, "dealerpulse_agent_forward_await_ms_total") / (double) rounds,
                metric(body, "dealerpulse_agent_forward_remove_ms_total") / (double) rounds,
                metric(body, "dealerpulse_agent_group_commits_total"));
    }

    private static long metric(String body, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in the agent's /metrics: is the agent built from this"
                    + " worktree (edge-agent/target/classes first on the classpath)?");
        }
        return Long.parseLong(m.group(1));
    }

    /** {@code producerProperties}: extra {@code kafka.properties} of the agent (none by default). */
    record Settings(int receiveMaximum, int commitBatch, String commitLinger, String sync, int sendBatch,
            String kafkaLinger, java.util.Map<String, String> producerProperties) {
        Settings(int receiveMaximum, int commitBatch, String commitLinger, String sync, int sendBatch,
                String kafkaLinger) {
            this(receiveMaximum, commitBatch, commitLinger, sync, sendBatch, kafkaLinger, java.util.Map.of());
        }
    }

    static AgentProcess start(Path dir, String siteId, String brokerUri, String mqttFilter, String kafka,
            String footfallTopic,
            Settings settings, List<String> extraJvmOptions) throws IOException, InterruptedException {
        return start(dir, siteId, brokerUri, mqttFilter, kafka, footfallTopic, null, settings, extraJvmOptions);
    }

    /** As above; {@code agentStatusTopic} null = the product's topic for heartbeats. */
    static AgentProcess start(Path dir, String siteId, String brokerUri, String mqttFilter, String kafka,
            String footfallTopic, String agentStatusTopic,
            Settings settings, List<String> extraJvmOptions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int httpPort = freePort();
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                site-id: %s
                mqtt:
                  broker-uri: %s
                  client-id: bench-agent-%s
                  username: %s
                  password: env:DP_MQTT_PASSWORD
                  receive-maximum: %d
                  subscriptions:
                    - topic: %s
                      format: generic-counter
                kafka:
                  bootstrap-servers: %s
                  create-topics: true
                  replication-factor: 1
                  send-batch: %d
                  linger: %s%s
                  topics:
                    footfall: %s%s
                outbox:
                  path: %s
                  sync: %s
                  commit-batch: %d
                  commit-linger: %s
                quarantine:
                  dir: %s
                privacy:
                  site-key: env:DP_SITE_KEY
                  network-key: env:DP_NETWORK_KEY
                status:
                  http-port: %d
                devices:
                  - id: %s
                    format: generic-counter
                    lines:
                      - {id: main, reception-door: true}
                """.formatted(siteId, brokerUri, siteId, USER, settings.receiveMaximum(), mqttFilter, kafka,
                settings.sendBatch(), settings.kafkaLinger(), producerProperties(settings), footfallTopic,
                agentStatusTopic == null ? "" : "\n    agent-status: " + agentStatusTopic, dir.resolve("outbox.db"), settings.sync(), settings.commitBatch(), settings.commitLinger(),
                dir.resolve("quarantine"), httpPort, LoadPublisher.DEVICE));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m"));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
                "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
        builder.environment().put("DP_MQTT_PASSWORD", PASSWORD);
        builder.environment().put("DP_SITE_KEY", "bench-site-key-0123456789abcdef");
        builder.environment().put("DP_NETWORK_KEY", "bench-network-key-0123456789abcdef");
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            awaitHealthy(process, httpPort, dir.resolve("agent.log"));
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly(); // an agent that never became healthy must not outlive the harness
            throw e;
        }
        return new AgentProcess(process, System.nanoTime() - launched, httpPort);
    }

    private static String producerProperties(Settings settings) {
        StringBuilder yaml = new StringBuilder();
        if (!settings.producerProperties().isEmpty()) {
            yaml.append("\n  properties:");
            settings.producerProperties().forEach((k, v) -> yaml.append("\n    ").append(k).append(": \"")
                    .append(v).append('"'));
        }
        return yaml.toString();
    }

    long pid() {
        return process.pid();
    }

    Duration startup() {
        return Duration.ofNanos(startupNanos);
    }

    private static void awaitHealthy(Process process, int port, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + " before it was"
                        + " healthy: see " + log);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the status server is not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the agent was not healthy within 60 s: see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
