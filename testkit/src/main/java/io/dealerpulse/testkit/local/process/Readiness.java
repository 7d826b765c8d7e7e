package io.dealerpulse.testkit.local.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for a started server to accept work. On failure the exception carries the tail of
 * the server's log, because "not ready after 30 s" alone sends everyone to look for the log.
 */
public final class Readiness {

  private static final int LOG_TAIL_LINES = 40;

  private Readiness() {}

  /**
   * Polls {@code ready} until it returns true; fails early if the server exits, and after
   * {@code timeout} otherwise.
   *
   * @param what for messages, e.g. {@code "mosquitto on 127.0.0.1:41234"}
   */
  public static void await(String what, SupervisedProcess server, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!server.isAlive()) {
        throw failure(what + " exited with status " + server.exitValue() + " before it was ready", server);
      }
      if (System.nanoTime() > deadline) {
        throw failure(what + " not ready within " + timeout.toSeconds() + " s", server);
      }
      SupervisedProcess.sleep(50);
    }
  }

  /** True if something accepts TCP connections on {@code host:port}. */
  public static boolean acceptsConnections(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static IllegalStateException failure(String message, SupervisedProcess server) {
    return new IllegalStateException(message + "; log " + server.log() + " ends with:"
        + System.lineSeparator() + LogFiles.tail(server.log(), LOG_TAIL_LINES));
  }
}
