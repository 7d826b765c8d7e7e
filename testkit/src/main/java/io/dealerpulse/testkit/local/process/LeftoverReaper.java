package io.dealerpulse.testkit.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cleans up after JVMs that died without their supervisors getting to stop the servers (for example
 * when the whole process tree was SIGKILLed).
 *
 * <p>A pidfile or work directory belongs to the JVM whose pid starts its name. Only those of JVMs that
 * are gone are touched, so parallel test JVMs on one machine leave each other alone. A pid is killed
 * only if {@code /proc/<pid>/cmdline} shows one of our servers started from a kit directory, so a
 * recycled pid or the machine's own mosquitto is never hit.
 */
public final class LeftoverReaper {

  private static final Set<String> SERVER_BINARIES = Set.of("mosquitto", "influxd");
  private static boolean reaped;

  private LeftoverReaper() {}

  /** Reaps the kit's directory on the first call in this JVM; servers call this before they start. */
  public static synchronized void reapOnce() {
    if (!reaped) {
      reaped = true;
      reap(TestkitDirs.root());
    }
  }

  /**
   * Kills the servers of dead JVMs found under {@code kitRoot} (see {@link TestkitDirs}), and deletes
   * their pidfiles and work directories.
   *
   * @return the pids of the servers it killed
   */
  public static synchronized List<Long> reap(Path kitRoot) {
    List<Long> killed = new ArrayList<>();
    for (Path pidFile : list(TestkitDirs.pidDir(kitRoot))) {
      if (ownerIsGone(pidFile)) {
        readPid(pidFile).filter(pid -> isOurServer(pid, kitRoot)).ifPresent(pid -> {
          terminate(pid);
          killed.add(pid);
        });
        deleteQuietly(pidFile);
      }
    }
    for (Path workDir : list(TestkitDirs.workRoot(kitRoot))) {
      if (ownerIsGone(workDir)) {
        TestkitDirs.deleteRecursively(workDir);
      }
    }
    return killed;
  }

  private static boolean ownerIsGone(Path path) {
    String name = path.getFileName().toString();
    int end = name.indexOf('-') > 0 ? name.indexOf('-') : name.length();
    try {
      long owner = Long.parseLong(name.substring(0, end));
      return ProcessHandle.of(owner)
          .filter(ProcessHandle::isAlive)
          .map(handle -> handle.info().command().map(cmd -> !cmd.contains("java")).orElse(false))
          .orElse(true);
    } catch (NumberFormatException notOurs) {
      return false;
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isOurServer(long pid, Path kitRoot) {
    String cmdline = Pids.commandLine(pid);
    if (cmdline.isEmpty() || !Pids.isRunning(pid)) {
      return false;
    }
    String executable = Path.of(cmdline.split(" ", 2)[0]).getFileName().toString();
    return SERVER_BINARIES.contains(executable) && cmdline.contains(kitRoot.toString());
  }

  /** TERM, and KILL if the server is still there after 5 s. */
  private static void terminate(long pid) {
    ProcessHandle.of(pid).ifPresent(server -> {
      server.destroy();
      // Polled: onExit() of a process that is not our child polls too, but with long sleeps.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (Pids.isRunning(pid) && System.nanoTime() < deadline) {
        SupervisedProcess.sleep(20);
      }
      server.destroyForcibly();
    });
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: the next reap tries again
    }
  }
}
