package io.dealerpulse.bench.agent;

import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rest of the network beside the one real agent: sites 2..n of the end-to-end benchmark, whose
 * footfall records (the shape the agent writes for a generic counter) go straight to the footfall
 * topic, {@code rate} a second in 10 ms steps, round robin over the sites, with the same accelerated
 * event time as the agent's site. One record in {@code doorEvery} is a reception-door entry. They load
 * Kafka, the job's sources and its keyed operators like other sites' agents would, without an agent
 * JVM each on the benchmark's two cores.
 */
final class OtherSites {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    private OtherSites(Runnable body) {
        thread = new Thread(body, "other-sites");
    }

    static OtherSites start(String bootstrap, int sites, int rate, int doorEvery, Instant base, int timeScale) {
        OtherSites[] holder = new OtherSites[1];
        holder[0] = new OtherSites(() -> holder[0].run(bootstrap, sites, rate, doorEvery, base, timeScale));
        holder[0].thread.start();
        return holder[0];
    }

    /** Stops; returns the records Kafka acknowledged. */
    long stop() throws InterruptedException {
        stop.set(true);
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the other sites' records could not all be written: " + failure.get(),
                    failure.get());
        }
        return sent.get();
    }

    private void run(String bootstrap, int sites, int rate, int doorEvery, Instant base, int timeScale) {
        try (KafkaPublisher publisher = KafkaPublisher.connect(bootstrap, Map.of(), List.of(Topic.FOOTFALL), false,
                Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            long sequence = 0;
            long lastFlush = start;
            while (!stop.get()) {
                long elapsed = System.nanoTime() - start;
                long due = elapsed * rate / 1_000_000_000L;
                long eventMillis = base.toEpochMilli() + elapsed / 1_000_000L * timeScale;
                for (; sequence < due; sequence++) {
                    int site = 1 + (int) (sequence % sites);
                    String siteId = EndToEndLatencyBenchmark.siteId(site);
                    // + sequence / sites: strictly increasing per site, so every record is its own event
                    Instant time = Instant.ofEpochMilli(eventMillis + sequence / sites % 1000);
                    publisher.send(Topic.FOOTFALL, siteId, record(siteId, sequence, sequence % doorEvery == 0, time));
                }
                if (System.nanoTime() - lastFlush > 500_000_000L) {
                    account(publisher.awaitAll());
                    lastFlush = System.nanoTime();
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

    private static FootfallEvent record(String siteId, long sequence, boolean door, Instant time) {
        return FootfallEvent.newBuilder()
                .setEventId(siteId + "-direct-" + sequence)
                .setSiteId(siteId)
                .setDeviceId(LoadPublisher.DEVICE)
                .setLineId(door ? "main" : "line-" + sequence % 8)
                .setReceptionDoor(door)
                .setDirection(Direction.IN)
                .setCount(1)
                .setEventTime(time)
                .setIntervalEnd(time.plusSeconds(60))
                .setReceivedTime(time)
                .setDeviceTime(time)
                .setClockReplaced(false)
                .setCounterReset(false)
                .setSourceFormat(CounterFormat.GENERIC)
                .build();
    }
}
