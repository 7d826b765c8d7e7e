package io.dealerpulse.agent.it;

import io.dealerpulse.agent.AgentMain;
import io.dealerpulse.agent.SiteFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a separate JVM ({@code java -Xmx64m -cp <test classpath> ...AgentMain --config ...}), the
 * way a site runs it, so that a test can kill it with SIGKILL.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;

    private AgentProcess(Process process) {
        this.process = process;
    }

    static AgentProcess start(Path config, Path log) throws IOException {
        return start(config, log, SiteFixture.ENV);
    }

    /** With {@code environment} as the agent's secrets (env: references). */
    static AgentProcess start(Path config, Path log, java.util.Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), AgentMain.class.getName(), "--config", config.toString()));
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        return new AgentProcess(builder.start());
    }

    /** SIGKILL: the JVM gets no chance to close the outbox or the MQTT session. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("agent process " + process.pid() + " did not die after SIGKILL");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    static Path logFile(String name) {
        return Path.of("target", "agent-process-logs", name + ".log").toAbsolutePath();
    }
}
