package io.dealerpulse.jobs.pipeline;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Time settings of the KPI topology. Immutable; change a setting with a {@code with…} method.
 *
 * <ul>
 *   <li>{@code outOfOrderness} (default 2 min): a site's clock is the latest event time of its agent
 *       streams minus this; windows close when the clock passes their end.</li>
 *   <li>{@code allowedLateness} (default 24 h): an event older than the site clock by more than this
 *       is too late (sent to the late-events sink); a later one corrects its window.</li>
 *   <li>{@code unknownSiteHold} (default 1 h, processing time): how long events of a site without a
 *       registry version are held before being dead-lettered with reason UNKNOWN_SITE.</li>
 *   <li>{@code accountingEmitInterval} (default 10 s, processing time): how often changed
 *       {@code stream_accounting} totals are written; they are also written whenever windows close.</li>
 *   <li>{@code accountingOnEveryEvent} (default false): write the totals after every input, for tests
 *       and demos with bounded input, where processing-time timers may not fire before the end.</li>
 * </ul>
 */
public final class KpiOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long outOfOrdernessMillis;
    private final long allowedLatenessMillis;
    private final long unknownSiteHoldMillis;
    private final long accountingEmitIntervalMillis;
    private final boolean accountingOnEveryEvent;

    private KpiOptions(long outOfOrdernessMillis, long allowedLatenessMillis, long unknownSiteHoldMillis,
            long accountingEmitIntervalMillis, boolean accountingOnEveryEvent) {
        require(outOfOrdernessMillis >= 0, "out-of-orderness must be >= 0, got " + outOfOrdernessMillis + " ms");
        require(allowedLatenessMillis >= 0, "allowed lateness must be >= 0, got " + allowedLatenessMillis + " ms");
        require(unknownSiteHoldMillis >= 0, "unknown-site hold must be >= 0, got " + unknownSiteHoldMillis + " ms");
        require(accountingEmitIntervalMillis > 0,
                "accounting emit interval must be > 0, got " + accountingEmitIntervalMillis + " ms");
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.unknownSiteHoldMillis = unknownSiteHoldMillis;
        this.accountingEmitIntervalMillis = accountingEmitIntervalMillis;
        this.accountingOnEveryEvent = accountingOnEveryEvent;
    }

    public static KpiOptions defaults() {
        return new KpiOptions(Duration.ofMinutes(2).toMillis(), Duration.ofHours(24).toMillis(),
                Duration.ofHours(1).toMillis(), Duration.ofSeconds(10).toMillis(), false);
    }

    public KpiOptions withOutOfOrderness(Duration value) {
        return new KpiOptions(value.toMillis(), allowedLatenessMillis, unknownSiteHoldMillis,
                accountingEmitIntervalMillis, accountingOnEveryEvent);
    }

    public KpiOptions withAllowedLateness(Duration value) {
        return new KpiOptions(outOfOrdernessMillis, value.toMillis(), unknownSiteHoldMillis,
                accountingEmitIntervalMillis, accountingOnEveryEvent);
    }

    public KpiOptions withUnknownSiteHold(Duration value) {
        return new KpiOptions(outOfOrdernessMillis, allowedLatenessMillis, value.toMillis(),
                accountingEmitIntervalMillis, accountingOnEveryEvent);
    }

    public KpiOptions withAccountingEmitInterval(Duration value) {
        return new KpiOptions(outOfOrdernessMillis, allowedLatenessMillis, unknownSiteHoldMillis, value.toMillis(),
                accountingOnEveryEvent);
    }

    public KpiOptions withAccountingOnEveryEvent(boolean value) {
        return new KpiOptions(outOfOrdernessMillis, allowedLatenessMillis, unknownSiteHoldMillis,
                accountingEmitIntervalMillis, value);
    }

    public Duration outOfOrderness() {
        return Duration.ofMillis(outOfOrdernessMillis);
    }

    public Duration allowedLateness() {
        return Duration.ofMillis(allowedLatenessMillis);
    }

    public Duration unknownSiteHold() {
        return Duration.ofMillis(unknownSiteHoldMillis);
    }

    public Duration accountingEmitInterval() {
        return Duration.ofMillis(accountingEmitIntervalMillis);
    }

    public boolean accountingOnEveryEvent() {
        return accountingOnEveryEvent;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KpiOptions other && outOfOrdernessMillis == other.outOfOrdernessMillis
                && allowedLatenessMillis == other.allowedLatenessMillis
                && unknownSiteHoldMillis == other.unknownSiteHoldMillis
                && accountingEmitIntervalMillis == other.accountingEmitIntervalMillis
                && accountingOnEveryEvent == other.accountingOnEveryEvent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(outOfOrdernessMillis, allowedLatenessMillis, unknownSiteHoldMillis,
                accountingEmitIntervalMillis, accountingOnEveryEvent);
    }

    @Override
    public String toString() {
        return "KpiOptions{outOfOrderness=" + outOfOrderness() + ", allowedLateness=" + allowedLateness()
                + ", unknownSiteHold=" + unknownSiteHold() + ", accountingEmitInterval=" + accountingEmitInterval()
                + ", accountingOnEveryEvent=" + accountingOnEveryEvent + "}";
    }
}
