package io.dealerpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaSmokeIT {

  @RegisterExtension
  static final KafkaExtension KAFKA = new KafkaExtension();

  @Test
  void consumerReadsWhatTheProducerWrote() throws Exception {
    KafkaEndpoint kafka = KAFKA.endpoint();
    kafka.createTopic("smoke.bytes", 2);

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      producer.send(record("smoke.bytes", "S1", "hello")).get(30, TimeUnit.SECONDS);
    }

    assertThat(readValues(kafka, "smoke.bytes", 1)).containsExactly("hello");
  }

  @Test
  void producerReachesTheBrokerAgainAfterAnOutage(KafkaEndpoint kafka) throws Exception {
    kafka.createTopic("smoke.outage", 1);
    String bootstrap = kafka.bootstrapServers();

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      producer.send(record("smoke.outage", "S1", "before")).get(30, TimeUnit.SECONDS);

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      kafka.start();

      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      producer.send(record("smoke.outage", "S1", "after")).get(60, TimeUnit.SECONDS);
    }

    assertThat(readValues(kafka, "smoke.outage", 2)).containsExactly("before", "after");
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> readValues(KafkaEndpoint kafka, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties(topic + ".reader"))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
