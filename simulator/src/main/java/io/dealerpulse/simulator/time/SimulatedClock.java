package io.dealerpulse.simulator.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The one clock of a simulated network: it starts at a chosen simulated instant and runs
 * {@code speed} times faster than real time. The devices stamp their messages with it, the edge
 * agents validate device times and send heartbeats with it (they take a {@link Clock}), so a day
 * passes in minutes without any agent seeing a device "in the future"; the jobs' notion of now is
 * each site's clock, which follows the event times this clock produces.
 *
 * <p>Monotonic: built on {@link System#nanoTime()}, so a wall-clock jump does not move it.
 */
public final class SimulatedClock extends Clock {
    private final Instant start;
    private final double speed;
    private final long startNanos;
    private final LongSupplier nanoTime;
    private final ZoneId zone;

    private SimulatedClock(Instant start, double speed, LongSupplier nanoTime, long startNanos, ZoneId zone) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be in (0, 100000], got " + speed);
        }
        this.start = start;
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.startNanos = startNanos;
        this.zone = zone;
    }

    /** A clock reading {@code start} now and running {@code speed} times real time. */
    public static SimulatedClock startingAt(Instant start, double speed) {
        return new SimulatedClock(start, speed, System::nanoTime, System.nanoTime(), ZoneOffset.UTC);
    }

    /** For tests: the same clock over a hand-driven nanosecond source. */
    public static SimulatedClock over(LongSupplier nanoTime, Instant start, double speed) {
        return new SimulatedClock(start, speed, nanoTime, nanoTime.getAsLong(), ZoneOffset.UTC);
    }

    public double speed() {
        return speed;
    }

    public Instant start() {
        return start;
    }

    @Override
    public Instant instant() {
        long realNanos = nanoTime.getAsLong() - startNanos;
        return start.plusNanos((long) (realNanos * speed));
    }

    /** Real time left until the simulated {@code instant}; zero when it has passed. */
    public Duration realTimeUntil(Instant instant) {
        Duration simulated = Duration.between(instant(), instant);
        return simulated.isNegative() ? Duration.ZERO : Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    /** A simulated duration in real time at this speed. */
    public Duration toReal(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimulatedClock(start, speed, nanoTime, startNanos, newZone);
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + instant() + ", x" + speed + "]";
    }
}
