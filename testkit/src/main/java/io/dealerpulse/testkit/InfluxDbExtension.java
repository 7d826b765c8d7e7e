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

  private volatile InfluxEndpoint endpoint;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoint = shared(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    endpoint = shared(context);
  }

  /** The shared server; available once JUnit has called this extension for the test class. */
  public InfluxEndpoint endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("InfluxDbExtension has not run yet: register it with @ExtendWith or a"
          + " static @RegisterExtension field, and call endpoint() from a test or lifecycle method");
    }
    return endpoint;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == InfluxEndpoint.class;
  }

  @Override
  public InfluxEndpoint resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  private static InfluxEndpoint shared(ExtensionContext context) {
    return SharedServers.get(context, InfluxEndpoint.class, () -> TestServers.current().startInflux());
  }
}
