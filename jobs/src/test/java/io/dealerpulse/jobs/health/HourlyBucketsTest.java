package io.dealerpulse.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class HourlyBucketsTest {
    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void anEventBelongsToTheQuarterThatContainsItHalfOpen() {
        assertThat(HourlyBuckets.quarterOf(ms("2026-03-20T09:14:59.999Z"))).isEqualTo(ms("2026-03-20T09:00:00Z"));
        assertThat(HourlyBuckets.quarterOf(ms("2026-03-20T09:15:00Z"))).isEqualTo(ms("2026-03-20T09:15:00Z"));
    }

    @Test
    void aHalfHourOffsetZoneHasLocalHoursStartingAtHalfPastUtc() {
        ZonedDateTime hour = HourlyBuckets.localHourOf(ms("2026-03-20T05:15:00Z"), ZoneId.of("Asia/Kolkata"));

        assertThat(hour.getHour()).isEqualTo(10);
        assertThat(HourlyBuckets.quartersOf(hour)).containsExactly(ms("2026-03-20T04:30:00Z"), ms("2026-03-20T04:45:00Z"),
                ms("2026-03-20T05:00:00Z"), ms("2026-03-20T05:15:00Z"));
    }

    @Test
    void aQuarterHourOffsetZoneStillMapsWholeQuarters() {
        ZonedDateTime hour = HourlyBuckets.localHourOf(ms("2026-03-20T04:15:00Z"), ZoneId.of("Asia/Kathmandu"));

        assertThat(hour.getHour()).isEqualTo(10);
        assertThat(hour.toInstant()).isEqualTo(Instant.parse("2026-03-20T04:15:00Z"));
    }

    @Test
    void theRepeatedHourOfAFallBackDayIsTwoHours() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime first = HourlyBuckets.localHourOf(ms("2026-10-25T00:30:00Z"), paris);
        ZonedDateTime second = HourlyBuckets.localHourOf(ms("2026-10-25T01:30:00Z"), paris);

        assertThat(first.getHour()).isEqualTo(2);
        assertThat(second.getHour()).isEqualTo(2);
        assertThat(first.toInstant()).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(second.toInstant()).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
    }
}
