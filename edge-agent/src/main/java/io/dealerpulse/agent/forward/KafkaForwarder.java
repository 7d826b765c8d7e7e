package io.dealerpulse.agent.forward;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.outbox.Outbox;
import io.dealerpulse.agent.outbox.OutboxException;
import io.dealerpulse.agent.outbox.StoredEntry;
import io.dealerpulse.agent.status.AgentMetrics;
import io.dealerpulse.schemas.signing.RecordSignatures;
import io.dealerpulse.schemas.signing.RecordSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread between the outbox and Kafka. Each round reads the oldest stored entries, sends them
 * ({@code acks=all}, idempotent, key = site id), waits for every acknowledgement or failure, then
 * removes the acknowledged entries. Failed or timed-out deliveries stay stored and are sent again
 * after a backoff, with a new producer (a producer whose deliveries expired may hold stale sequence
 * state). Kafka may therefore receive an entry twice; it always carries the same event id.
 *
 * <p><b>Order: strictly oldest first, backlog before live.</b> The jobs advance each site's clock
 * from that site's event times; sending live events ahead of a backlog would move the clock past the
 * backlog and make it late. So after an outage the backlog drains in order at the producer's full
 * rate (measured in {@code docs/edge-agent.md}) and live events follow it; heartbeats travel in the
 * same FIFO for the same reason.
 *
 * <p>Clock offset: for a heartbeat on the agent-status topic (LogAppendTime), the broker's append time
 * is compared with the midpoint of the agent's send and acknowledgement instants.
 */
public final class KafkaForwarder implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaForwarder.class);

    private final AgentConfig.Kafka options;
    private final Outbox outbox;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    /** Signs every record with the site key when {@code kafka.signing-key} is set; null = unsigned. */
    private final RecordSigner signer;
    private Producer<String, byte[]> producer;
    private volatile boolean running = true;
    private boolean outageLogged;

    /** Signs each record as {@code siteId} when the options carry a signing key ({@code kafka.signing-key}). */
    public KafkaForwarder(AgentConfig.Kafka options, String siteId, Outbox outbox, AgentMetrics metrics, Clock clock) {
        this.options = options;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.signer = options.signingKey().map(key -> new RecordSigner(siteId, key)).orElse(null);
    }

    static Properties producerProperties(AgentConfig.Kafka options) {
        Properties p = new Properties();
        p.putAll(options.clientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(options.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeout().toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(options.maxBlock().toMillis()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(options.bufferMemory()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(options.linger().toMillis()));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "dealerpulse-edge-agent");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Called after each group commit so that new entries leave without waiting for the poll. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    public void run() {
        try {
            forwardUntilStopped();
        } finally {
            recreateProducer();
        }
    }

    private void forwardUntilStopped() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                long readStart = System.nanoTime();
                List<StoredEntry> entries = outbox.oldest(options.sendBatch());
                metrics.forwardReadNanos.add(System.nanoTime() - readStart);
                if (entries.isEmpty()) {
                    wakeUp.tryAcquire(200, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (sendRound(entries)) {
                    backoff = Duration.ofMillis(200);
                } else {
                    recreateProducer();
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(options.retryBackoffMax()) > 0
                            ? options.retryBackoffMax() : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (OutboxException e) {
                LOG.error("{}; retrying in 5 s.", e.getMessage());
                sleepQuietly(5_000);
            } catch (RuntimeException e) {
                LOG.error("Unexpected error while forwarding to Kafka; retrying with a new producer in 5 s.", e);
                recreateProducer();
                sleepQuietly(5_000);
            }
        }
    }

    /** Sends one round; true when every entry was acknowledged. */
    private boolean sendRound(List<StoredEntry> entries) throws InterruptedException, OutboxException {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(options));
        }
        ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(entries.size());
        long roundStart = System.nanoTime();
        int sent = 0;
        for (StoredEntry stored : entries) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(stored.entry().topic(), stored.entry().key(),
                    stored.entry().value());
            if (signer != null) {
                // Headers, not Avro fields: the released schemas stay unchanged (see RecordSignatures).
                record.headers().add(RecordSignatures.SITE_HEADER, signer.siteId().getBytes(StandardCharsets.UTF_8));
                record.headers().add(RecordSignatures.SIGNATURE_HEADER,
                        signer.sign(stored.entry().eventId(), stored.entry().value()));
            }
            boolean heartbeat = stored.entry().topic().equals(options.topics().agentStatus());
            long sentAt = clock.millis();
            try {
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        delivered.add(stored.sequence());
                        if (heartbeat) {
                            measureClockOffset(sentAt, metadata);
                        }
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    done.countDown();
                });
                sent++;
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                break;
            }
            if (failure.get() != null) {
                // Kafka unreachable: a send that found no metadata within max.block.ms reports it through
                // the callback, not by throwing, and each further send would block as long again — a
                // round of 500 entries would hide the outage for 500 × max.block.
                break;
            }
        }
        for (int i = sent; i < entries.size(); i++) {
            done.countDown();
        }
        long waitMs = options.deliveryTimeout().plus(options.maxBlock()).plusSeconds(5).toMillis();
        if (!done.await(waitMs, TimeUnit.MILLISECONDS)) {
            failure.compareAndSet(null, new IllegalStateException("no answer from Kafka within " + waitMs + " ms"));
        }
        long removeStart = System.nanoTime();
        metrics.forwardRounds.increment();
        metrics.forwardAwaitNanos.add(removeStart - roundStart);
        List<Long> confirmed = new ArrayList<>(delivered);
        outbox.remove(confirmed);
        metrics.forwardRemoveNanos.add(System.nanoTime() - removeStart);
        metrics.eventsForwarded.add(confirmed.size());
        Exception error = failure.get();
        if (error != null) {
            metrics.deliveryFailures.add(entries.size() - confirmed.size());
            if (!outageLogged) {
                LOG.warn("Kafka did not take {} of {} events ({}). They stay in the outbox ({} waiting) and are"
                        + " sent again; check the internet connection, kafka.bootstrap-servers, and that the"
                        + " topics in kafka.topics exist (kafka.create-topics: true creates them).",
                        entries.size() - confirmed.size(), entries.size(), error.toString(), outbox.depth());
                outageLogged = true;
            }
            return false;
        }
        if (outageLogged) {
            LOG.info("Kafka takes events again; {} still waiting in the outbox.", outbox.depth());
            outageLogged = false;
        }
        return true;
    }

    private void measureClockOffset(long sentAt, RecordMetadata metadata) {
        if (!metadata.hasTimestamp()) {
            return;
        }
        long midpoint = sentAt + (clock.millis() - sentAt) / 2;
        metrics.clockOffsetMillis.set(midpoint - metadata.timestamp());
    }

    private void recreateProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("closing the Kafka producer: {}", e.toString());
            }
            producer = null;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        running = false;
        wakeUp.release();
    }

    /** Stops after the current round; the producer is closed by the forwarding thread itself. */
    @Override
    public void close() {
        stop();
    }
}
