package io.dealerpulse.testkit.testcontainers;

import io.dealerpulse.testkit.MosquittoConfigText;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import java.util.stream.Collectors;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** mosquitto in an {@code eclipse-mosquitto:2.0} container, configured like the local one. */
final class MosquittoContainerEndpoint implements MosquittoEndpoint {

  private static final int MQTT_PORT = 1883;
  private static final String CONFIG_DIR = "/mosquitto/config/";
  private static final MosquittoConfigText.Placement PLACEMENT = new MosquittoConfigText.Placement(
      MQTT_PORT + " 0.0.0.0", "/mosquitto/data/", CONFIG_DIR + "passwords", CONFIG_DIR + "acl",
      "stdout", false);

  private final GenericContainer<?> container;
  private final ContainerOutage outage;

  MosquittoContainerEndpoint(MosquittoOptions options) {
    container = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0"))
        .withCopyToContainer(Transferable.of(MosquittoConfigText.render(options, PLACEMENT)),
            CONFIG_DIR + "mosquitto.conf");
    if (!options.users().isEmpty()) {
      // Clear text in, hashed by the image's own mosquitto_passwd before the broker reads it.
      String clearText = options.users().entrySet().stream()
          .map(user -> user.getKey() + ":" + user.getValue() + "\n")
          .collect(Collectors.joining());
      container.withCopyToContainer(Transferable.of(clearText), PLACEMENT.passwordFile())
          .withCommand("sh", "-c", "mosquitto_passwd -U " + PLACEMENT.passwordFile()
              + " && exec /usr/sbin/mosquitto -c " + CONFIG_DIR + "mosquitto.conf");
    }
    options.acl().ifPresent(acl -> container.withCopyToContainer(Transferable.of(acl), PLACEMENT.aclFile()));
    outage = new ContainerOutage("mosquitto", container, MQTT_PORT, Wait.forListeningPort());
    container.start();
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return container.getMappedPort(MQTT_PORT);
  }

  @Override
  public void stop() {
    outage.stop();
  }

  @Override
  public void kill() {
    outage.kill();
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
