package io.dealerpulse.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A mosquitto broker with the default options (anonymous access, persistence on), started on first
 * use and shared by every test class of the JVM (see {@link TestServers} for where it comes from).
 * Get it as a test or lifecycle method parameter, or from {@link #endpoint()} of a registered
 * instance. For users, an ACL or a site's own config, start a broker of your own with
 * {@link MosquittoOptions#builder()}.
 *
 * <pre>{@code
 * class AgentIT {
 *   @RegisterExtension
 *   static final MosquittoExtension MQTT = new MosquittoExtension();
 *
 *   @Test
 *   void survivesABrokerRestart() throws Exception {
 *     MqttClient client = new MqttClient(MQTT.endpoint().uri(), "agent-1");
 *     MQTT.endpoint().stop();
 *     MQTT.endpoint().start();   // same port, same persistence directory
 *   }
 * }
 * }</pre>
 *
 * <p>A test that stops the server for an outage should start it again; if it does not, the next test
 * class or method using this extension finds it restarted.
 */
public final class MosquittoExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private final SharedServerHandle<MosquittoEndpoint> server =
      new SharedServerHandle<>(MosquittoExtension.class, MosquittoEndpoint.class, () -> TestServers.current().startMosquitto(MosquittoOptions.defaults()));

  @Override
  public void beforeAll(ExtensionContext context) {
    server.attach(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.attach(context);
  }

  /** The shared server; available once JUnit has called this extension for the test class. */
  public MosquittoEndpoint endpoint() {
    return server.endpoint();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return server.resolves(parameter);
  }

  @Override
  public MosquittoEndpoint resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server.get(context);
  }
}
