package io.dealerpulse.testkit.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Server log files under {@code target/testkit-logs/} of the module under test, kept after the run
 * so that a failed test's server output sits next to its surefire/failsafe reports.
 *
 * <p>The directory is {@code ${user.dir}/target/testkit-logs} (surefire and failsafe run tests in the
 * module's basedir) unless the system property {@value #LOG_DIR_PROPERTY} names another.
 */
public final class LogFiles {

  public static final String LOG_DIR_PROPERTY = "dealerpulse.testkit.logDir";

  private LogFiles() {}

  public static Path logDir() {
    String configured = System.getProperty(LOG_DIR_PROPERTY);
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.dir"), "target", "testkit-logs");
  }

  /**
   * Creates {@code <server>-<n>.log} with the first free {@code n}. Creating the file claims the
   * name, so JVMs sharing the directory (surefire, failsafe, a forked child) never share a log.
   */
  public static Path create(String server) {
    Path dir = logDir();
    try {
      Files.createDirectories(dir);
      for (int n = 1; ; n++) {
        try {
          return Files.createFile(dir.resolve(server + "-" + n + ".log"));
        } catch (FileAlreadyExistsException taken) {
          // try the next number
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a log file in " + dir, e);
    }
  }

  /** The last {@code lines} lines of a log, for error messages; never throws. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
