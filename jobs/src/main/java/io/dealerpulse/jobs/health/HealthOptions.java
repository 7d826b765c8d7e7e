package io.dealerpulse.jobs.health;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the pipeline-health operators ({@link PipelineHealth}). Immutable.
 *
 * <ul>
 *   <li>{@code emitInterval} (default 10 s, processing time): how often changed dead-letter counters,
 *       input rates and hourly event counts are written;</li>
 *   <li>{@code doorSilentSpan} (default 1 h, a multiple of 15 min): opening time without a single
 *       reception-door entry after which a site's door counter is suspected faulty...</li>
 *   <li>{@code doorSilentMinCheckIns} (default 3): ...provided the kiosk recorded at least this many
 *       check-ins during that silence (see {@link DoorSilenceRule}).</li>
 * </ul>
 */
public final class HealthOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long QUARTER_MILLIS = Duration.ofMinutes(15).toMillis();

    private final long emitIntervalMillis;
    private final long doorSilentSpanMillis;
    private final int doorSilentMinCheckIns;

    private HealthOptions(long emitIntervalMillis, long doorSilentSpanMillis, int doorSilentMinCheckIns) {
        require(emitIntervalMillis > 0, "health emit interval must be > 0, got " + emitIntervalMillis + " ms");
        require(doorSilentSpanMillis >= QUARTER_MILLIS && doorSilentSpanMillis % QUARTER_MILLIS == 0,
                "door silent span must be a positive multiple of 15 min (windows are quarter-hours), got "
                        + Duration.ofMillis(doorSilentSpanMillis));
        require(doorSilentMinCheckIns >= 1, "door silent minimum check-ins must be >= 1, got " + doorSilentMinCheckIns);
        this.emitIntervalMillis = emitIntervalMillis;
        this.doorSilentSpanMillis = doorSilentSpanMillis;
        this.doorSilentMinCheckIns = doorSilentMinCheckIns;
    }

    public static HealthOptions defaults() {
        return new HealthOptions(Duration.ofSeconds(10).toMillis(), Duration.ofHours(1).toMillis(), 3);
    }

    public HealthOptions withEmitInterval(Duration interval) {
        return new HealthOptions(interval.toMillis(), doorSilentSpanMillis, doorSilentMinCheckIns);
    }

    public HealthOptions withDoorSilentSpan(Duration span) {
        return new HealthOptions(emitIntervalMillis, span.toMillis(), doorSilentMinCheckIns);
    }

    public HealthOptions withDoorSilentMinCheckIns(int checkIns) {
        return new HealthOptions(emitIntervalMillis, doorSilentSpanMillis, checkIns);
    }

    public Duration emitInterval() {
        return Duration.ofMillis(emitIntervalMillis);
    }

    public Duration doorSilentSpan() {
        return Duration.ofMillis(doorSilentSpanMillis);
    }

    /** The span in quarter-hour windows. */
    public int doorSilentWindows() {
        return (int) (doorSilentSpanMillis / QUARTER_MILLIS);
    }

    public int doorSilentMinCheckIns() {
        return doorSilentMinCheckIns;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthOptions other && emitIntervalMillis == other.emitIntervalMillis
                && doorSilentSpanMillis == other.doorSilentSpanMillis
                && doorSilentMinCheckIns == other.doorSilentMinCheckIns;
    }

    @Override
    public int hashCode() {
        return Objects.hash(emitIntervalMillis, doorSilentSpanMillis, doorSilentMinCheckIns);
    }

    @Override
    public String toString() {
        return "HealthOptions{emitInterval=" + emitInterval() + ", doorSilentSpan=" + doorSilentSpan()
                + ", doorSilentMinCheckIns=" + doorSilentMinCheckIns + "}";
    }
}
