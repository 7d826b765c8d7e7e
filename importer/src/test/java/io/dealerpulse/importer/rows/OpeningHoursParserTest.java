package io.dealerpulse.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.LocalInterval;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.Weekday;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpeningHoursParserTest {

    private static OpeningInterval interval(Weekday day, int open, int close) {
        return OpeningInterval.newBuilder().setDayOfWeek(day).setOpenMinute(open).setCloseMinute(close).build();
    }

    @Test
    void dayRanges_severalIntervals_closedDays() throws Exception {
        List<OpeningInterval> weekly = OpeningHoursParser.weekly(
                "sat=08:30-12:00; mon-tue=14:00-18:00,08:00-12:00;sun=closed;fri=08:00-24:00");

        assertThat(weekly).containsExactly(
                interval(Weekday.MONDAY, 480, 720), interval(Weekday.MONDAY, 840, 1080),
                interval(Weekday.TUESDAY, 480, 720), interval(Weekday.TUESDAY, 840, 1080),
                interval(Weekday.FRIDAY, 480, 1440),
                interval(Weekday.SATURDAY, 510, 720));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mon 08:00-12:00 | 'mon 08:00-12:00' is not day=hours (e.g. mon=08:00-12:00,14:00-18:00)",
        "lun=08:00-12:00 | 'lun' is not a weekday: use mon, tue, wed, thu, fri, sat, sun",
        "fri-mon=08:00-12:00 | day range 'fri-mon' runs backwards: write it from mon towards sun",
        "mon=12:00-08:00 | interval '12:00-08:00' must open before it closes, within the day",
        "mon=8h-12h | '8h' is not a time HH:mm",
        "mon=08:00-12:00,11:00-14:00 | intervals '08:00-12:00,11:00-14:00' overlap: list separate intervals",
        "mon-fri=08:00-12:00;fri=14:00-18:00 | friday is given twice: give each weekday once",
        "mon=closed;sun=closed | no opening interval on any weekday: a site that never opens has no KPI",
        "mon=08:00-24:30 | '24:30' is not a time of day (00:00 to 24:00)",
    })
    void badWeeklyHours_areRejectedWithTheProblem(String text, String detail) {
        assertThatThrownBy(() -> OpeningHoursParser.weekly(text))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.BAD_OPENING_HOURS);
                    assertThat(r.detail()).isEqualTo(detail);
                });
    }

    @Test
    void exceptions_closedOrSpecialHours_withOptionalReason_sortedByDate() throws Exception {
        List<DatedException> exceptions = OpeningHoursParser.exceptions(
                "2025-12-25=closed|Noël;2025-12-24=08:00-12:00|Veille de Noël;2025-08-15=closed");

        assertThat(exceptions).containsExactly(
                DatedException.newBuilder().setDate(LocalDate.of(2025, 8, 15)).setIntervals(List.of()).setReason(null).build(),
                DatedException.newBuilder().setDate(LocalDate.of(2025, 12, 24))
                        .setIntervals(List.of(LocalInterval.newBuilder().setOpenMinute(480).setCloseMinute(720).build()))
                        .setReason("Veille de Noël").build(),
                DatedException.newBuilder().setDate(LocalDate.of(2025, 12, 25)).setIntervals(List.of())
                        .setReason("Noël").build());
        assertThat(OpeningHoursParser.exceptions(null)).isEmpty();
    }

    @Test
    void anExceptionWithABadDate_isADateRejection() {
        assertThatThrownBy(() -> OpeningHoursParser.exceptions("25/12/2025=closed"))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.BAD_DATE_TIME);
                    assertThat(r.detail()).isEqualTo("an exception's date must be an ISO-8601 date such as 2025-03-10,"
                            + " got '25/12/2025'");
                });
    }
}
