package io.dealerpulse.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * What each server extension ({@link InfluxDbExtension}, {@link KafkaExtension},
 * {@link MosquittoExtension}) does with its shared server, written once: fetch it from
 * {@link SharedServers} when JUnit calls the extension, remember it for {@link #endpoint()}, and say
 * which parameter type it resolves. Composed into each extension rather than inherited, so every
 * extension still shows the JUnit callbacks it implements.
 */
final class SharedServerHandle<E extends ServerLifecycle> {

  private final String extensionName;
  private final Class<E> type;
  private final Supplier<E> start;
  private volatile E endpoint;

  SharedServerHandle(Class<?> extension, Class<E> type, Supplier<E> start) {
    this.extensionName = extension.getSimpleName();
    this.type = type;
    this.start = start;
  }

  /** Fetches the shared server (started or restarted if need be) and remembers it for {@link #endpoint()}. */
  void attach(ExtensionContext context) {
    endpoint = get(context);
  }

  /** The shared server (started or restarted if need be), without remembering it. */
  E get(ExtensionContext context) {
    return SharedServers.get(context, type, start);
  }

  /** The shared server; available once JUnit has called the extension for the test class. */
  E endpoint() {
    E current = endpoint;
    if (current == null) {
      throw new IllegalStateException(extensionName + " has not run yet: register it with @ExtendWith or a"
          + " static @RegisterExtension field, and call endpoint() from a test or lifecycle method");
    }
    return current;
  }

  boolean resolves(ParameterContext parameter) {
    return parameter.getParameter().getType() == type;
  }
}
