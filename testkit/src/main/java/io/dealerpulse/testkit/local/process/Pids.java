package io.dealerpulse.testkit.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about a process by pid, read from {@code /proc}. */
public final class Pids {

  private Pids() {}

  /**
   * True while the process runs. Unlike {@link ProcessHandle#isAlive()} this is false for a zombie:
   * a server whose supervisor was killed is re-parented to init, and an init that reaps late would
   * otherwise keep a dead server "alive" for seconds.
   */
  public static boolean isRunning(long pid) {
    String state = field(pid, "stat");
    // /proc/<pid>/stat is "pid (comm) S ...": the state letter follows the last ')'.
    int end = state.lastIndexOf(')');
    if (end < 0 || end + 2 >= state.length()) {
      return false;
    }
    char letter = state.charAt(end + 2);
    return letter != 'Z' && letter != 'X';
  }

  /** The command line with arguments separated by spaces, or an empty string if the process is gone. */
  public static String commandLine(long pid) {
    return field(pid, "cmdline").replace('\0', ' ').strip();
  }

  private static String field(long pid, String file) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }
}
