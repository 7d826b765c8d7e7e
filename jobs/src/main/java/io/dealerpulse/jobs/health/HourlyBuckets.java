package io.dealerpulse.jobs.health;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Events per site per local hour are counted in UTC quarter-hours (every time zone's offset is a
 * multiple of 15 min, so a quarter never straddles a local hour) and summed into the site's local
 * hours when written: the counts can be taken before the site's time zone is known, and a fall-back
 * day's repeated hour stays two hours (two distinct UTC starts).
 */
public final class HourlyBuckets {
    static final long QUARTER_MILLIS = 15 * 60_000L;

    private HourlyBuckets() {}

    /** The UTC quarter-hour containing {@code eventMillis} (its start, epoch ms). */
    public static long quarterOf(long eventMillis) {
        return Math.floorDiv(eventMillis, QUARTER_MILLIS) * QUARTER_MILLIS;
    }

    /** The start of the local hour of {@code zone} containing {@code instantMillis}. */
    public static ZonedDateTime localHourOf(long instantMillis, ZoneId zone) {
        return Instant.ofEpochMilli(instantMillis).atZone(zone).truncatedTo(ChronoUnit.HOURS);
    }

    /** The four quarter starts of the local hour starting at {@code hourStart} (a local hour is 60 real minutes). */
    public static long[] quartersOf(ZonedDateTime hourStart) {
        long start = hourStart.toInstant().toEpochMilli();
        return new long[] {start, start + QUARTER_MILLIS, start + 2 * QUARTER_MILLIS, start + 3 * QUARTER_MILLIS};
    }
}
