package io.dealerpulse.testkit.testcontainers;

import io.dealerpulse.testkit.KafkaEndpoint;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in an {@code apache/kafka} container of the same version as the kafka-clients in use. */
final class KafkaContainerEndpoint implements KafkaEndpoint {

  private static final int KAFKA_PORT = 9092;

  private final KafkaContainer container;
  private final ContainerOutage outage;

  KafkaContainerEndpoint() {
    container = new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion())
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    // A port wait, not the container's log-message wait: after a restart the old message is still in
    // the log and would pass at once.
    outage = new ContainerOutage("kafka", container, KAFKA_PORT, Wait.forListeningPort());
    container.start();
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
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
