package io.dealerpulse.testkit.testcontainers;

import io.dealerpulse.testkit.InfluxCredentials;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.InfluxOptions;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** InfluxDB in an {@code influxdb:1.8} container. */
final class InfluxContainerEndpoint implements InfluxEndpoint {

  private static final int HTTP_PORT = 8086;

  private final GenericContainer<?> container;
  private final ContainerOutage outage;

  private final InfluxCredentials admin;

  InfluxContainerEndpoint(InfluxOptions options) {
    admin = options.admin().orElse(null);
    container = new GenericContainer<>(DockerImageName.parse("influxdb:1.8"))
        .withEnv("INFLUXDB_REPORTING_DISABLED", "true")
        .withEnv("INFLUXDB_MONITOR_STORE_ENABLED", "false")
        .withEnv("INFLUXDB_HTTP_LOG_ENABLED", "false");
    if (admin != null) {
      // The image's init script creates this admin user before the server takes requests.
      container.withEnv("INFLUXDB_HTTP_AUTH_ENABLED", "true")
          .withEnv("INFLUXDB_ADMIN_USER", admin.user())
          .withEnv("INFLUXDB_ADMIN_PASSWORD", admin.password());
    }
    outage = new ContainerOutage("influxd", container, HTTP_PORT,
        Wait.forHttp("/ping").forPort(HTTP_PORT).forStatusCode(204));
    container.start();
  }

  @Override
  public String url() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT);
  }

  @Override
  public Optional<InfluxCredentials> admin() {
    return Optional.ofNullable(admin);
  }

  @Override
  public void stop() {
    outage.stop();
  }

  @Override
  public void start() {
    outage.start();
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  @Override
  public void close() {
    container.stop();
  }
}
