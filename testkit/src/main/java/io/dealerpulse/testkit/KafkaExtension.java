package io.dealerpulse.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A single-broker Kafka cluster, started on first use and shared by every test class of the JVM
 * (see {@link TestServers} for where it comes from). Get it as a test or lifecycle method parameter,
 * or from {@link #endpoint()} of a registered instance:
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class ForwarderIT {
 *   @Test
 *   void forwardsAfterAnOutage(KafkaEndpoint kafka) {
 *     kafka.createTopic("reception.events", 2);
 *     try (var producer = new KafkaProducer<byte[], byte[]>(kafka.producerProperties())) {
 *       kafka.stop();   // the outage: the bootstrap address refuses connections
 *       kafka.start();  // back at the same kafka.bootstrapServers(), topics intact
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A test that stops the server for an outage should start it again; if it does not, the next test
 * class or method using this extension finds it restarted.
 */
public final class KafkaExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private final SharedServerHandle<KafkaEndpoint> server =
      new SharedServerHandle<>(KafkaExtension.class, KafkaEndpoint.class, () -> TestServers.current().startKafka());

  @Override
  public void beforeAll(ExtensionContext context) {
    server.attach(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.attach(context);
  }

  /** The shared server; available once JUnit has called this extension for the test class. */
  public KafkaEndpoint endpoint() {
    return server.endpoint();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return server.resolves(parameter);
  }

  @Override
  public KafkaEndpoint resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server.get(context);
  }
}
