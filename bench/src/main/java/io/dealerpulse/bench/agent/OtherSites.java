package io.dealerpulse.bench.agent;

import io.dealerpulse.bench.harness.PacedFootfall;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The rest of the network beside the one real agent: sites 2..n of the end-to-end benchmark, whose
 * footfall records (the shape the agent writes for a generic counter) go straight to the footfall
 * topic, {@code rate} a second, round robin over the sites, with the same accelerated
 * event time as the agent's site. One record in {@code doorEvery} is a reception-door entry. They load
 * Kafka, the job's sources and its keyed operators like other sites' agents would, without an agent
 * JVM each on the benchmark's two cores.
 */
final class OtherSites {
    private OtherSites() {}

    static PacedFootfall start(String bootstrap, int sites, int rate, int doorEvery, Instant base, int timeScale) {
        return PacedFootfall.start("other-sites", bootstrap, rate, Duration.ofMillis(500), (sequence, elapsed) -> {
            int site = 1 + (int) (sequence % sites);
            String siteId = EndToEndLatencyBenchmark.siteId(site);
            long eventMillis = base.toEpochMilli() + elapsed / 1_000_000L * timeScale;
            // + sequence / sites: strictly increasing per site, so every record is its own event
            Instant time = Instant.ofEpochMilli(eventMillis + sequence / sites % 1000);
            return new PacedFootfall.Keyed(siteId, record(siteId, sequence, sequence % doorEvery == 0, time));
        });
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
