package io.dealerpulse.jobs.it.score;

import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The DealerPulse topics of the score run, named "{topic}.{run}" with the partition counts of
 * {@link Topic}, and one producer kept open across the phases of the publish.
 */
public final class ScoreTopics implements AutoCloseable {
    private final KafkaEndpoint kafka;
    private final String run;
    private final AvroCodec codec = AvroCodec.released();
    private final KafkaProducer<byte[], byte[]> producer;

    public ScoreTopics(KafkaEndpoint kafka, String run) {
        this.kafka = kafka;
        this.run = run;
        for (Topic topic : Topic.values()) {
            kafka.createTopic(name(topic), topic.partitions());
        }
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        producer = new KafkaProducer<>(props);
    }

    public String name(Topic topic) {
        return topic.topicName() + "." + run;
    }

    /** Creates a topic unless it exists (a job restored from a savepoint writes to the topics of its first start). */
    void createIfMissing(String topic, int partitions) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.adminProperties())) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + kafka.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
        kafka.createTopic(topic, partitions);
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    /** Publishes in list order, keyed as the agents and importers key them, and waits for every acknowledgement. */
    public void publish(List<Send> sends) {
        try {
            java.util.concurrent.Future<?> last = null;
            for (Send send : sends) {
                last = producer.send(new ProducerRecord<>(name(send.topic()), send.key().getBytes(StandardCharsets.UTF_8),
                        send.value(codec)));
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

    @Override
    public void close() {
        producer.close();
    }
}
