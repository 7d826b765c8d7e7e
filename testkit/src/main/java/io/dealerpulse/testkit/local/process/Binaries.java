package io.dealerpulse.testkit.local.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds server executables. A missing one is an error with a one-line install hint, never a skipped
 * test: a test that silently does not run hides a broken machine.
 */
public final class Binaries {

  /** Debian keeps daemons in sbin directories, which a non-root PATH often lacks. */
  private static final List<String> SBIN_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

  private Binaries() {}

  /**
   * The executable {@code name} from PATH or an sbin directory.
   *
   * @param installHint the command that installs it, e.g. {@code apt-get install -y influxdb}
   * @throws IllegalStateException naming the binary and the install command, if it is missing
   */
  public static Path require(String name, String installHint) {
    return find(name, System.getenv("PATH")).orElseThrow(() -> new IllegalStateException(
        name + " not found: install it with '" + installHint + "'"));
  }

  static Optional<Path> find(String name, String path) {
    List<String> dirs = new ArrayList<>();
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(SBIN_DIRS);
    return dirs.stream()
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
