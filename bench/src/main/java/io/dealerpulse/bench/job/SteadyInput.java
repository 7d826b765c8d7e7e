package io.dealerpulse.bench.job;

import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of reception-door entries over every synthetic site, round robin, at {@code rate}
 * a second (paced in 10 ms steps), with event time running from {@code from} at the wall clock's
 * pace: each site's clock keeps moving forward, so the keyed operators keep changing state while
 * checkpoints are taken.
 */
final class SteadyInput {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;

    private SteadyInput(String bootstrap, int sites, int rate, Instant from) {
        thread = new Thread(() -> run(bootstrap, sites, rate, from), "steady-input");
    }

    static SteadyInput start(String bootstrap, int sites, int rate, Instant from) {
        SteadyInput input = new SteadyInput(bootstrap, sites, rate, from);
        input.thread.start();
        return input;
    }

    /** Stops sending; returns the entries Kafka acknowledged. */
    long stop() throws InterruptedException {
        stop.set(true);
        thread.join();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " steady-input records were not acknowledged by Kafka");
        }
        return sent.get();
    }

    private void run(String bootstrap, int sites, int rate, Instant from) {
        try (KafkaPublisher publisher = KafkaPublisher.connect(bootstrap, Map.of(), List.of(Topic.FOOTFALL), false,
                Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            long sequence = 0;
            long lastFlush = start;
            while (!stop.get()) {
                long elapsed = System.nanoTime() - start;
                long due = elapsed * rate / 1_000_000_000L;
                Instant eventTime = from.plusNanos(elapsed);
                for (; sequence < due; sequence++) {
                    int site = (int) (sequence % sites);
                    publisher.send(Topic.FOOTFALL, SyntheticNetwork.siteId(site),
                            SyntheticNetwork.liveEntry(site, sequence, eventTime));
                }
                if (System.nanoTime() - lastFlush > 1_000_000_000L) {
                    account(publisher.awaitAll());
                    lastFlush = System.nanoTime();
                }
                Thread.sleep(10);
            }
            account(publisher.awaitAll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the steady input could not write to Kafka: " + e, e);
        }
    }

    private void account(Publisher.Acknowledgements acks) {
        sent.addAndGet(acks.acknowledged());
        failed.addAndGet(acks.failed());
    }
}
