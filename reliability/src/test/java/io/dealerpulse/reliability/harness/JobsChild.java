package io.dealerpulse.reliability.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Flink jobs as their own JVM, started like {@code java -jar dealerpulse-jobs.jar ...} with this
 * module's test classpath (the jobs jar and Flink), so that the test runs exactly the deployable
 * {@code main}: option parsing, trusted Avro classes, sources, topology and sinks.
 */
public final class JobsChild implements AutoCloseable {
    private final Process process;
    private final Path log;

    private JobsChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static JobsChild start(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                JobsLauncher.class.getName()));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new JobsChild(builder.start(), log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Stops the JVM (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
