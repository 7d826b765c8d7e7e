package io.dealerpulse.testkit.testcontainers;

import io.dealerpulse.testkit.InfluxEndpoint;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** InfluxDB in an {@code influxdb:1.8} container. */
final class InfluxContainerEndpoint implements InfluxEndpoint {

  private static final int HTTP_PORT = 8086;

  private final GenericContainer<?> container;
  private final ContainerOutage outage;

  InfluxContainerEndpoint() {
    container = new GenericContainer<>(DockerImageName.parse("influxdb:1.8"))
        .withEnv("INFLUXDB_REPORTING_DISABLED", "true")
        .withEnv("INFLUXDB_MONITOR_STORE_ENABLED", "false")
        .withEnv("INFLUXDB_HTTP_LOG_ENABLED", "false");
    outage = new ContainerOutage("influxd", container, HTTP_PORT,
        Wait.forHttp("/ping").forPort(HTTP_PORT).forStatusCode(204));
    container.start();
  }

  @Override
  public String url() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT);
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
