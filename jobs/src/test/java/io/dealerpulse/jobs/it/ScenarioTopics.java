package io.dealerpulse.jobs.it;

import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The DealerPulse topics of one test run, named "{topic}.{run}" so that runs sharing the broker do
 * not see each other's records, with the partition counts of {@link Topic}.
 */
final class ScenarioTopics {
    private final KafkaEndpoint kafka;
    private final String run;

    ScenarioTopics(KafkaEndpoint kafka, String run) {
        this.kafka = kafka;
        this.run = run;
    }

    static ScenarioTopics create(KafkaEndpoint kafka, String run) {
        ScenarioTopics topics = new ScenarioTopics(kafka, run);
        for (Topic topic : Topic.values()) {
            createServed(kafka, topics.name(topic), topic.partitions());
        }
        return topics;
    }

    /**
     * Creates a topic and waits until the broker serves every partition of it. CreateTopics returns
     * once the controller has the topic; the partition leader may load it a moment later, and a
     * produce or fetch in between fails with "This server does not host this topic-partition"
     * (seen once in the offline-site test). ListOffsets succeeds only on a serving leader, as in
     * the importer's KafkaPublisher.
     */
    static void createServed(KafkaEndpoint kafka, String topic, int partitions) {
        kafka.createTopic(topic, partitions);
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            all.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            while (true) {
                try {
                    admin.listOffsets(all).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the partitions of topic " + topic + " are not served by "
                                + kafka.bootstrapServers() + " 30 s after its creation", e);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
        }
    }

    String name(Topic topic) {
        return topic.topicName() + "." + run;
    }

    KafkaEndpoint kafka() {
        return kafka;
    }

    /** Publishes in list order, keyed as the agents and importers key them, and waits for every acknowledgement. */
    void publish(List<Send> sends) {
        AvroCodec codec = AvroCodec.released();
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            Future<RecordMetadata> last = null;
            for (Send send : sends) {
                last = producer.send(new ProducerRecord<>(name(send.topic()),
                        send.key().getBytes(StandardCharsets.UTF_8), send.value(codec)));
            }
            producer.flush();
            if (last != null) {
                last.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish the scenario to " + kafka.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the scenario", e);
        }
    }
}
