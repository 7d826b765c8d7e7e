package io.dealerpulse.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server of each kind per test JVM, kept in JUnit's root store. The root store outlives every test
 * class, and JUnit closes the {@link AutoCloseable} values in it when the engine finishes, which
 * stops the servers. (Should the JVM end first, the servers' supervisors stop them anyway.)
 */
final class SharedServers {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedServers.class);

  private SharedServers() {}

  /**
   * The shared server of {@code type}, started on first use. An outage test may have left it stopped;
   * it is started again here so that the next test finds it running.
   */
  static <E extends ServerLifecycle> E get(ExtensionContext context, Class<E> type, Supplier<E> start) {
    E server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(type, key -> start.get(), type);
    if (!server.isRunning()) {
      server.start();
    }
    return server;
  }
}
