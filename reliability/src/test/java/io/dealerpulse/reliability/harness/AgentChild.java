package io.dealerpulse.reliability.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent as its own JVM, the way a site runs it ({@code java -Xmx64m ... AgentMain --config ...}),
 * started from this module's test classpath (which holds the edge-agent jar of the reactor or of
 * {@code ~/.m2}), so that a test can kill it with SIGKILL. Grown from edge-agent's test
 * {@code AgentProcess}: adds the status endpoint ({@code /health}, {@code /metrics}) and the parent
 * watch of {@link AgentLauncher}.
 */
public final class AgentChild implements AutoCloseable {
    /** The secrets the agent reads from its environment ({@code env:} references in {@link AgentYaml}). */
    public static final Map<String, String> ENV = Map.of(
            "DP_SITE_KEY", "site-secret-for-tests",
            "DP_NETWORK_KEY", "network-secret-for-tests",
            "DP_MQTT_PASSWORD", AgentYaml.AGENT_PASSWORD);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private AgentChild(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    public static AgentChild start(Path config, int httpPort, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                AgentLauncher.class.getName(), "--config", config.toString()));
        builder.environment().putAll(ENV);
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new AgentChild(builder.start(), httpPort, log);
    }

    /** {@code target/agent-logs/<name>.log}; every start of one test appends to the same file. */
    public static Path logFile(String name) {
        return Path.of("target", "agent-logs", name + ".log").toAbsolutePath();
    }

    /** {@code /health}: the HTTP status and body, or empty while nothing answers. */
    public Optional<HttpResponse<String>> health() {
        return get("/health");
    }

    /** One value of {@code /metrics}, e.g. {@code dealerpulse_agent_outbox_depth}; empty while nothing answers. */
    public Optional<Long> metric(String name) {
        return get("/metrics").flatMap(r -> r.body().lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> Long.parseLong(line.substring(name.length() + 1).trim()))
                .findFirst());
    }

    /**
     * Waits until {@code /health} answers 200 (subscribed to the broker, outbox writable) and returns how
     * long that took; fails with the tail of the agent's log if it does not within {@code timeout}.
     */
    public Duration awaitHealthy(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the agent exited with status " + process.exitValue()
                        + " before reporting healthy; its log " + log + " ends with:\n" + logTail());
            }
            if (health().map(r -> r.statusCode() == 200).orElse(false)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the agent did not report healthy (/health 200) within " + timeout
                + "; last answer " + health().map(r -> r.statusCode() + " " + r.body()).orElse("none")
                + "; its log " + log + " ends with:\n" + logTail());
    }

    /** SIGKILL: the JVM gets no chance to close the outbox or the MQTT session. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("agent process " + process.pid() + " did not die after SIGKILL");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM (the agent's shutdown hook closes it cleanly), SIGKILL after 15 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();   // not listening (yet, or any more), or too slow to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
