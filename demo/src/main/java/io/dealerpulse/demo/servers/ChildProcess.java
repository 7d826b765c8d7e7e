package io.dealerpulse.demo.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process that cannot outlive the demo, with the test kit's approach: it runs under
 * {@code supervise.sh} (the test kit's own script, copied into this jar at build time) whose standard
 * input is a pipe from this JVM; when the pipe closes - an orderly stop, or this JVM ending in any way,
 * even SIGKILL - the script stops the server (TERM, then KILL after the grace period).
 */
public final class ChildProcess implements AutoCloseable {
    private static final String SCRIPT = load();

    private final String name;
    private final Process supervisor;
    private final long pid;
    private final Path log;

    private ChildProcess(String name, Process supervisor, long pid, Path log) {
        this.name = name;
        this.supervisor = supervisor;
        this.pid = pid;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, int graceSeconds) {
        Path pidFile = workDir.resolve(name + ".pid");
        Path log = workDir.resolve(name + ".log");
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "supervise", pidFile.toString(),
                Integer.toString(graceSeconds)));
        argv.addAll(command);
        try {
            Process supervisor = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(pidFile)) {
                if (!supervisor.isAlive() || System.nanoTime() > deadline) {
                    supervisor.destroyForcibly();
                    throw new IllegalStateException(name + " did not start; see " + log);
                }
                Thread.sleep(20);
            }
            return new ChildProcess(name, supervisor, Long.parseLong(Files.readString(pidFile).trim()), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    public long pid() {
        return pid;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return supervisor.isAlive();
    }

    /** Closes the pipe: the supervisor stops the server; waits until it is gone. */
    @Override
    public void close() {
        try {
            supervisor.getOutputStream().close();
            if (!supervisor.waitFor(20, TimeUnit.SECONDS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                supervisor.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // the pipe is already closed: the supervisor is stopping the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ", log " + log + ")";
    }

    private static String load() {
        try (InputStream in = ChildProcess.class.getResourceAsStream("/io/dealerpulse/demo/process/supervise.sh")) {
            if (in == null) {
                throw new IllegalStateException("supervise.sh missing from the demo jar: rebuild with ./mvnw -pl demo -am package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
