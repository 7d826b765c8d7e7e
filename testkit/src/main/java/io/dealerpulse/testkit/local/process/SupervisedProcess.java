package io.dealerpulse.testkit.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process that cannot outlive the JVM that started it.
 *
 * <p>The server runs under {@code supervise.sh} (a resource next to this class), whose standard input
 * is a pipe from this JVM. When the pipe reaches EOF - because {@link #stop()} closed it, or because
 * the JVM ended, even by SIGKILL - the script sends the server TERM, then KILL after a grace period.
 * A shutdown hook could not do this: it does not run on SIGKILL. The script also writes the server's
 * pid to a pidfile (see {@link TestkitDirs}) so that {@link LeftoverReaper} can clean up in the rare
 * case where the script itself was killed too.
 *
 * <p>A server runs until {@link #stop()} or {@link #kill()}, or until the JVM ends, even if this object
 * is no longer referenced: the JDK keeps a running {@link Process} and its pipe reachable.
 *
 * <p>Server stdout and stderr are appended to a log file, one per server, across restarts.
 */
public final class SupervisedProcess {

  private static final String SCRIPT = loadScript();
  private static final Duration PIDFILE_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Process supervisor;
  private final long serverPid;
  private final Path log;
  private final Duration grace;

  private SupervisedProcess(String name, Process supervisor, long serverPid, Path log, Duration grace) {
    this.name = name;
    this.supervisor = supervisor;
    this.serverPid = serverPid;
    this.log = log;
    this.grace = grace;
  }

  /**
   * Starts {@code command} under supervision. Returns once the server process exists; readiness is
   * the caller's business (see {@link Readiness}).
   *
   * @param name    short server name for messages, e.g. {@code mosquitto}
   * @param pidFile where the supervisor records the server's pid while it runs
   * @param grace   how long the server gets between TERM and KILL
   */
  public static SupervisedProcess start(String name, List<String> command, Path pidFile, Path log,
      Duration grace) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "supervise",
        pidFile.toString(), Long.toString(Math.max(1, grace.toSeconds()))));
    argv.addAll(command);
    try {
      Files.createDirectories(pidFile.getParent());
      Files.deleteIfExists(pidFile);
      Files.writeString(log, "=== dealerpulse-testkit " + Instant.now() + ": starting " + command
          + System.lineSeparator(), StandardOpenOption.APPEND);
      Process supervisor = new ProcessBuilder(argv)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      long serverPid = awaitPidFile(name, supervisor, pidFile, log);
      return new SupervisedProcess(name, supervisor, serverPid, log, grace);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " " + command, e);
    }
  }

  public long pid() {
    return serverPid;
  }

  public Path log() {
    return log;
  }

  /** True while the server runs: the supervisor exits as soon as the server does. */
  public boolean isAlive() {
    return supervisor.isAlive();
  }

  /** The server's exit status, once it has exited. */
  public int exitValue() {
    return supervisor.exitValue();
  }

  /** Orderly stop (TERM, then KILL after the grace period); returns when the server is gone. */
  public void stop() {
    closeStdin();
    if (!waitForExit(grace.plusSeconds(5))) {
      killServer();
      waitForExit(Duration.ofSeconds(5));
    }
  }

  /** SIGKILL, as in a crash: the server gets no chance to save anything. */
  public void kill() {
    killServer();
    waitForExit(Duration.ofSeconds(5));
    closeStdin();
  }

  private void killServer() {
    // While the supervisor lives it has not reaped the server, so the pid cannot have been reused.
    if (supervisor.isAlive()) {
      ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private void closeStdin() {
    try {
      supervisor.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed: the supervisor is on its way out anyway
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return supervisor.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }

  private static long awaitPidFile(String name, Process supervisor, Path pidFile, Path log)
      throws IOException {
    long deadline = System.nanoTime() + PIDFILE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile)) {
        return Long.parseLong(Files.readString(pidFile).trim());
      }
      if (!supervisor.isAlive()) {
        break;
      }
      sleep(20);
    }
    supervisor.destroyForcibly();
    throw new IllegalStateException(name + " did not start (no pidfile " + pidFile + " within "
        + PIDFILE_TIMEOUT.toSeconds() + " s); log " + log + " ends with:"
        + System.lineSeparator() + LogFiles.tail(log, 30));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String loadScript() {
    try (InputStream in = SupervisedProcess.class.getResourceAsStream("supervise.sh")) {
      if (in == null) {
        throw new IllegalStateException("supervise.sh missing from the testkit jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
