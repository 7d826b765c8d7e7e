package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.local.process.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes a mosquitto password file with {@code mosquitto_passwd}, which owns the hash format. */
final class PasswordFile {

  private PasswordFile() {}

  static void write(Path file, Map<String, String> users) throws IOException {
    Path tool = Binaries.require("mosquitto_passwd", MosquittoServer.INSTALL_HINT);
    boolean first = true;
    for (Map.Entry<String, String> user : users.entrySet()) {
      List<String> command = new ArrayList<>(List.of(tool.toString(), "-b"));
      if (first) {
        command.add("-c");  // create (or truncate) the file
      }
      command.addAll(List.of(file.toString(), user.getKey(), user.getValue()));
      run(command, user.getKey());
      first = false;
    }
  }

  private static void run(List<String> command, String user) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("mosquitto_passwd did not finish within 10 s for user " + user);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw new IllegalStateException("mosquitto_passwd failed for user " + user + ": " + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the mosquitto password file", e);
    }
  }
}
