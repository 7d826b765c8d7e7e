package io.dealerpulse.importer.publish;

import io.dealerpulse.schemas.kafka.AvroSerializer;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.schemas.topics.TopicProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to Kafka with an idempotent producer and acks=all: a record counts as published only
 * once every in-sync replica has it, and the producer's own retries cannot duplicate it. A retry of
 * the whole import after a failure is safe too, because ids come from the rows (the jobs
 * de-duplicate on them; the registry topic is compacted on its key).
 *
 * <p>Before sending anything it checks, within a bounded time, that the cluster answers and that the
 * topics exist, so an unreachable broker is reported at once instead of after the producer's
 * two-minute delivery timeout.
 */
public final class KafkaPublisher implements Publisher {
    private final KafkaProducer<String, SpecificRecord> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private int failedOnSend;
    private String firstError;

    private KafkaPublisher(KafkaProducer<String, SpecificRecord> producer) {
        this.producer = producer;
    }

    /**
     * Checks the cluster and the {@code topics}, creating missing ones when {@code createTopics}
     * (replication factor min(3, brokers)), then opens the producer.
     *
     * @param clientProperties extra Kafka client properties (TLS, SASL, tuning), given as --kafka.&lt;name&gt;;
     *     acks and idempotence cannot be weakened
     */
    public static KafkaPublisher connect(String bootstrapServers, Map<String, String> clientProperties,
            Collection<Topic> topics, boolean createTopics, Duration checkTimeout)
            throws KafkaUnavailableException, InterruptedException {
        Properties common = new Properties();
        common.putAll(clientProperties);
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        checkCluster(common, topics, createTopics, checkTimeout);

        Properties producerProperties = new Properties();
        producerProperties.putAll(common);
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaPublisher(new KafkaProducer<>(producerProperties));
    }

    private static void checkCluster(Properties common, Collection<Topic> topics, boolean createTopics,
            Duration timeout) throws KafkaUnavailableException, InterruptedException {
        Properties adminProperties = new Properties();
        adminProperties.putAll(common);
        int millis = (int) timeout.toMillis();
        adminProperties.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        adminProperties.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        String bootstrap = common.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(adminProperties)) {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .nodes().get(millis, TimeUnit.MILLISECONDS).size();
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(millis))
                    .names().get(millis, TimeUnit.MILLISECONDS);
            Set<String> missing = new TreeSet<>();
            topics.stream().map(Topic::topicName).filter(t -> !existing.contains(t)).forEach(missing::add);
            if (!missing.isEmpty() && !createTopics) {
                throw new KafkaUnavailableException("Kafka at " + bootstrap + " has no topic " + missing + ": create the"
                        + " DealerPulse topics (see docs/topics.md) or pass --create-topics; nothing was published", null);
            }
            if (!missing.isEmpty()) {
                new TopicProvisioner(admin, (short) Math.min(3, brokers)).createMissing();
                awaitWritable(admin, missing, timeout);
            }
        } catch (TimeoutException | ExecutionException e) {
            throw new KafkaUnavailableException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds()
                    + " s (" + rootMessage(e) + "): check --bootstrap, that the broker is running and that this"
                    + " machine may connect (TLS/SASL settings go in --kafka.<property>); nothing was published", e);
        } catch (IllegalStateException e) {
            throw new KafkaUnavailableException(e.getMessage() + "; nothing was published", e);
        }
    }

    /**
     * A partition just created is listed with a leader before that broker serves it. Producing in
     * that moment was seen to get a batch appended yet answered NOT_LEADER_OR_FOLLOWER, after which the
     * idempotent producer's retry hits OUT_OF_ORDER_SEQUENCE until the delivery timeout. So after
     * creating topics we wait until every new partition answers a ListOffsets, which only its serving
     * leader does, before sending anything.
     */
    private static void awaitWritable(Admin admin, Set<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description.partitions().forEach(
                        p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void send(Topic topic, String key, SpecificRecord value) {
        try {
            pending.add(producer.send(new ProducerRecord<>(topic.topicName(), key, value)));
        } catch (RuntimeException e) {
            failedOnSend++;
            remember(e);
        }
    }

    @Override
    public Acknowledgements awaitAll() throws InterruptedException {
        producer.flush();
        int acknowledged = 0;
        int failed = failedOnSend;
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get();
                acknowledged++;
            } catch (ExecutionException e) {
                failed++;
                remember(e.getCause());
            }
        }
        pending.clear();
        failedOnSend = 0;
        return new Acknowledgements(acknowledged, failed, firstError);
    }

    private void remember(Throwable error) {
        if (firstError == null) {
            firstError = error.getClass().getSimpleName() + ": " + error.getMessage();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
