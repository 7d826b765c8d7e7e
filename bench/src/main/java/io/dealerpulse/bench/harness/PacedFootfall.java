package io.dealerpulse.bench.harness;

import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Footfall records written straight to Kafka on a thread of their own at {@code rate} a second
 * (paced in 10 ms steps from the start), acknowledgements collected every {@code awaitEvery}: the
 * benchmarks' load beside the parts they measure. What each record is comes from {@link Records}.
 */
public final class PacedFootfall {
    /** The record with this sequence number (from 0), due {@code elapsedNanos} after the start. */
    public interface Records {
        Keyed next(long sequence, long elapsedNanos);
    }

    /** A record and its Kafka key (the site). */
    public record Keyed(String key, FootfallEvent record) {}

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    private PacedFootfall(String name, String bootstrap, int rate, Duration awaitEvery, Records records) {
        thread = new Thread(() -> run(bootstrap, rate, awaitEvery, records), name);
    }

    public static PacedFootfall start(String name, String bootstrap, int rate, Duration awaitEvery, Records records) {
        PacedFootfall paced = new PacedFootfall(name, bootstrap, rate, awaitEvery, records);
        paced.thread.start();
        return paced;
    }

    /** Stops sending; returns the records Kafka acknowledged, or fails if any was not. */
    public long stop() throws InterruptedException {
        stop.set(true);
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException(thread.getName() + ": records could not all be written to Kafka: "
                    + failure.get(), failure.get());
        }
        return sent.get();
    }

    private void run(String bootstrap, int rate, Duration awaitEvery, Records records) {
        try (KafkaPublisher publisher = KafkaPublisher.connect(bootstrap, Map.of(), List.of(Topic.FOOTFALL), false,
                Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            long sequence = 0;
            long lastAwait = start;
            while (!stop.get()) {
                long elapsed = System.nanoTime() - start;
                long due = elapsed * rate / 1_000_000_000L;
                for (; sequence < due; sequence++) {
                    Keyed next = records.next(sequence, elapsed);
                    publisher.send(Topic.FOOTFALL, next.key(), next.record());
                }
                if (System.nanoTime() - lastAwait > awaitEvery.toNanos()) {
                    account(publisher.awaitAll());
                    lastAwait = System.nanoTime();
                }
                Thread.sleep(10);
            }
            account(publisher.awaitAll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private void account(Publisher.Acknowledgements acks) {
        sent.addAndGet(acks.acknowledged());
        if (acks.failed() > 0) {
            failure.compareAndSet(null, new IllegalStateException(acks.failed() + " not acknowledged: "
                    + acks.firstError()));
        }
    }
}
