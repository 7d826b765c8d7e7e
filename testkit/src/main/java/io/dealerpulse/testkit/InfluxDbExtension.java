package io.dealerpulse.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An InfluxDB 1.x server, started on first use and shared by every test class of the JVM
 * (see {@link TestServers} for where it comes from). Get it as a test or lifecycle method parameter,
 * or from {@link #endpoint()} of a registered instance:
 *
 * <pre>{@code
 * @ExtendWith(InfluxDbExtension.class)
 * class KpiSinkIT {
 *   @Test
 *   void writesWindows(InfluxEndpoint influx) {
 *     influx.createDatabase("kpis");
 *     influx.write("kpis", "footfall,site=S1 count=12i 1700000000000000000");
 *     JsonNode answer = influx.query("kpis", "SELECT count FROM footfall");
 *   }
 * }
 * }</pre>
 *
 * <p>A test that stops the server for an outage should start it again; if it does not, the next test
 * class or method using this extension finds it restarted.
 */
public final class InfluxDbExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private final SharedServerHandle<InfluxEndpoint> server =
      new SharedServerHandle<>(InfluxDbExtension.class, InfluxEndpoint.class, () -> TestServers.current().startInflux());

  @Override
  public void beforeAll(ExtensionContext context) {
    server.attach(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.attach(context);
  }

  /** The shared server; available once JUnit has called this extension for the test class. */
  public InfluxEndpoint endpoint() {
    return server.endpoint();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return server.resolves(parameter);
  }

  @Override
  public InfluxEndpoint resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server.get(context);
  }
}
