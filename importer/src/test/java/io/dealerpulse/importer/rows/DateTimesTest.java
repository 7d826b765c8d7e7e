package io.dealerpulse.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateTimesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId REUNION = ZoneId.of("Indian/Reunion");

    @Test
    void offsets_zulu_andLocalTimesInTheSiteZone() throws Exception {
        assertThat(DateTimes.instant("2025-03-10T09:30:00+01:00", "t", null, false))
                .isEqualTo(Instant.parse("2025-03-10T08:30:00Z"));
        assertThat(DateTimes.instant("2025-03-10T08:30:00.1239Z", "t", null, false))
                .isEqualTo(Instant.parse("2025-03-10T08:30:00.123Z"));
        assertThat(DateTimes.instant("2025-03-10 09:30", "t", REUNION, false))
                .isEqualTo(Instant.parse("2025-03-10T05:30:00Z"));
        assertThat(DateTimes.instant("2025-07-01T09:30", "t", PARIS, false))
                .isEqualTo(Instant.parse("2025-07-01T07:30:00Z"));
    }

    @Test
    void aBareDate_isLocalMidnight_onlyWhereAllowed() throws Exception {
        assertThat(DateTimes.instant("2025-01-01", "effective_from", PARIS, true))
                .isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThatThrownBy(() -> DateTimes.instant("2025-01-01", "t", PARIS, false))
                .isInstanceOfSatisfying(RowRejection.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.BAD_DATE_TIME));
    }

    @Test
    void aLocalTimeWithoutZone_isNoTimeZone() {
        assertThatThrownBy(() -> DateTimes.instant("2025-03-10T09:30", "scheduled_time", null, false))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.NO_TIME_ZONE);
                    assertThat(r.detail()).startsWith("column 'scheduled_time' is a local time");
                });
    }

    @Test
    void aLocalTimeInTheSpringGap_doesNotExist() {
        assertThatThrownBy(() -> DateTimes.instant("2025-03-30T02:30", "t", PARIS, false))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.BAD_DATE_TIME);
                    assertThat(r.detail()).contains("does not exist in Europe/Paris");
                });
    }

    @Test
    void theRepeatedAutumnHour_takesTheEarlierOffset() throws Exception {
        assertThat(DateTimes.instant("2025-10-26T02:30", "t", PARIS, false))
                .isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
    }

    @Test
    void garbage_isBadDateTime() {
        assertThatThrownBy(() -> DateTimes.instant("10/03/2025 09:30", "action_time", PARIS, false))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.BAD_DATE_TIME);
                    assertThat(r.detail()).startsWith("column 'action_time' must be an ISO-8601 date-time").endsWith(
                            "got '10/03/2025 09:30'");
                });
    }
}
