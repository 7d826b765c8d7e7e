package io.dealerpulse.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.schemas.EventType;
import io.dealerpulse.schemas.SampleEvents;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.schemas.topics.TopicProvisioner;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Topics created from the one definition, then every record type through a real broker and back. */
@ExtendWith(KafkaExtension.class)
class AvroKafkaRoundTripIT {

    @Test
    void topicsAreCreatedFromTheTable_andEveryRecordTypeRoundTrips(KafkaEndpoint kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            List<String> created = new TopicProvisioner(admin, (short) 1).createMissing();
            assertThat(created).containsExactlyInAnyOrder(
                    Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
            assertThat(new TopicProvisioner(admin, (short) 1).createMissing()).as("second run creates nothing").isEmpty();

            for (Topic topic : Topic.values()) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName());
                Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                for (Map.Entry<String, String> expected : topic.configs().entrySet()) {
                    assertThat(config.get(expected.getKey()).value()).as(topic + " " + expected.getKey())
                            .isEqualTo(expected.getValue());
                }
                assertThat(admin.describeTopics(List.of(topic.topicName())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic.topicName()).partitions()).hasSize(topic.partitions());
            }
        }

        List<SpecificRecord> sent = SampleEvents.oneOfEach();
        Properties producerProps = kafka.adminProperties();
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SpecificRecord> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new AvroSerializer())) {
            for (SpecificRecord record : sent) {
                producer.send(new ProducerRecord<>(topicOf(record).topicName(), "FR-PAR-001", record)).get();
            }
        }

        List<SpecificRecord> received = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(
                kafka.consumerProperties("round-trip"), new StringDeserializer(), new AvroDeserializer())) {
            consumer.subscribe(sent.stream().map(r -> topicOf(r).topicName()).toList());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static Topic topicOf(SpecificRecord record) {
        EventType type = EventType.of(record);
        return Arrays.stream(Topic.values()).filter(t -> t.valueType() == type).findFirst().orElseThrow();
    }
}
