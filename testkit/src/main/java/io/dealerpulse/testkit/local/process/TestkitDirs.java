package io.dealerpulse.testkit.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where the kit keeps its runtime files: under {@code ${java.io.tmpdir}/dealerpulse-testkit/}, or the
 * directory named by the system property {@value #DIR_PROPERTY}.
 *
 * <ul>
 *   <li>{@code pids/<jvm pid>-<server>-<n>.pid}: one file per running server, holding the server's pid.
 *       The owner JVM's pid in the name lets a later JVM tell leftovers from servers in use.
 *   <li>{@code work/<jvm pid>/<server>-<n>/}: config, data and persistence directories of one server.
 * </ul>
 *
 * <p>The directory is well known (not a random temp dir) so that a JVM can find and reap what a
 * killed JVM left behind; see {@link LeftoverReaper}.
 */
public final class TestkitDirs {

  public static final String DIR_PROPERTY = "dealerpulse.testkit.dir";

  private static final AtomicInteger SERVER_COUNTER = new AtomicInteger();

  private TestkitDirs() {}

  public static Path root() {
    String configured = System.getProperty(DIR_PROPERTY);
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "dealerpulse-testkit");
  }

  public static Path pidDir(Path root) {
    return root.resolve("pids");
  }

  public static Path workRoot(Path root) {
    return root.resolve("work");
  }

  /** A fresh, empty directory for one server of this JVM, e.g. {@code work/4242/mosquitto-1}. */
  public static Path newWorkDir(String server) {
    Path dir = workRoot(root())
        .resolve(Long.toString(ProcessHandle.current().pid()))
        .resolve(server + "-" + SERVER_COUNTER.incrementAndGet());
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** The pidfile a server started from {@code workDir} writes; named after the owner JVM. */
  public static Path pidFileFor(Path workDir) {
    return pidDir(root()).resolve(ProcessHandle.current().pid() + "-" + workDir.getFileName() + ".pid");
  }

  /** Deletes a server's files; best effort, since a leftover directory costs disk space only. */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort, see above
    }
  }
}
