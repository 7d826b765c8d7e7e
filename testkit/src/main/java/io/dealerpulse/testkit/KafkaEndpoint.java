package io.dealerpulse.testkit;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A running single-broker Kafka cluster for tests.
 *
 * <p>{@link #stop()} and {@link #start()} simulate an outage: while stopped, the bootstrap address
 * refuses connections; after {@code start()} the broker is back at the same address with the same
 * topics, records and committed offsets, so clients that kept their configuration reconnect.
 *
 * <p>Topics are not created on first use (as in production, where topics are created explicitly):
 * create them with {@link #createTopic(String, int)}.
 */
public interface KafkaEndpoint extends ServerLifecycle {

  /** {@code host:port} of the broker; stable across {@link #stop()}/{@link #start()}. */
  String bootstrapServers();

  default Properties adminProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /** A byte[] producer that waits for the broker's acknowledgement of every record. */
  default Properties producerProperties() {
    Properties props = adminProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return props;
  }

  /** A byte[] consumer in {@code groupId} that starts from the earliest record of a new group. */
  default Properties consumerProperties(String groupId) {
    Properties props = adminProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  /** Creates a topic with replication factor 1 and waits until the broker confirms it. */
  default void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(adminProperties())) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }
}
