package io.dealerpulse.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.jobs.reprocess.InputSelection;
import io.dealerpulse.jobs.reprocess.RangeRestrictedSink;
import io.dealerpulse.jobs.reprocess.ReprocessRange;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a reprocessing reads (by the records' own times), how it sorts them, and what it writes. */
class ReprocessSelectionTest {
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");
    private static final ReprocessRange RANGE = ReprocessRange.of(FROM, TO);
    private static final Instant WARM_UP_START = FROM.minus(Duration.ofDays(46));
    private static final Instant TAIL_END = TO.plus(Duration.ofDays(3));
    private final Events site = new Events("fr-lille-01");

    @Test
    void theDefaultWarmUpCoversTheTrendDaysAndTheirThirtyDaySatisfactionPlusMargin() {
        assertThat(RANGE.readFrom()).isEqualTo(WARM_UP_START);
        assertThat(RANGE.readUntil()).isEqualTo(TAIL_END);
    }

    @Test
    void agentEventsAreSelectedByEventTimeInsideWarmUpAndTail() {
        InputSelection<io.dealerpulse.events.FootfallEvent> footfall = InputSelection.footfall();

        assertThat(footfall.selected(site.entries(WARM_UP_START, 1), RANGE)).isTrue();
        assertThat(footfall.selected(site.entries(WARM_UP_START.minusMillis(1), 1), RANGE)).isFalse();
        assertThat(footfall.selected(site.entries(TAIL_END.minusMillis(1), 1), RANGE)).isTrue();
        assertThat(footfall.selected(site.entries(TAIL_END, 1), RANGE)).isFalse();
        assertThat(footfall.timestamp(site.entries(FROM, 1))).isEqualTo(FROM.toEpochMilli());
    }

    @Test
    void anAppointmentBookedLongBeforeTheWarmUpIsReadWhenItIsScheduledInTheRange() {
        InputSelection<io.dealerpulse.events.AppointmentEvent> appointments = InputSelection.appointments();
        Instant bookedLongAgo = FROM.minus(Duration.ofDays(120));

        assertThat(appointments.selected(site.appointment("r1", AppointmentAction.BOOKED, FROM.plusSeconds(3600),
                bookedLongAgo), RANGE)).isTrue();
        assertThat(appointments.selected(site.appointment("r2", AppointmentAction.BOOKED,
                WARM_UP_START.minusSeconds(3600), bookedLongAgo), RANGE)).isFalse();
        assertThat(appointments.selected(site.appointment("r3", AppointmentAction.CANCELLED, FROM.plusSeconds(3600),
                TAIL_END), RANGE)).as("acted on after the tail").isFalse();
        assertThat(appointments.timestamp(site.appointment("r1", AppointmentAction.BOOKED, FROM, bookedLongAgo)))
                .as("sorted by action time").isEqualTo(bookedLongAgo.toEpochMilli());
    }

    @Test
    void everyRegistryVersionIsReadAndSortedBeforeEveryEvent() {
        InputSelection<io.dealerpulse.events.SiteRegistryVersion> registry = InputSelection.registry();
        io.dealerpulse.events.SiteRegistryVersion old = io.dealerpulse.jobs.kpi.Registries.site("fr-lille-01", "Europe/Paris")
                .everyDay("08:30", "18:30").effectiveFrom(FROM.minus(Duration.ofDays(400))).build();

        assertThat(registry.selected(old, RANGE)).isTrue();
        assertThat(registry.timestamp(old)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void onlyReplayEqualPointsStoredInTheRangeAreWritten() {
        assertThat(RangeRestrictedSink.keeps(InfluxPoint.of("staffing_window", FROM.toEpochMilli()), RANGE)).isTrue();
        assertThat(RangeRestrictedSink.keeps(InfluxPoint.of("site_score", TO.toEpochMilli() - 1), RANGE)).isTrue();
        assertThat(RangeRestrictedSink.keeps(InfluxPoint.of("site_score", TO.toEpochMilli()), RANGE)).isFalse();
        assertThat(RangeRestrictedSink.keeps(InfluxPoint.of("site_score_daily", FROM.toEpochMilli() - 1), RANGE)).isFalse();
        assertThat(RangeRestrictedSink.keeps(InfluxPoint.of("stream_accounting", FROM.toEpochMilli()), RANGE)).isFalse();
        assertThat(RangeRestrictedSink.keeps(InfluxPoint.of("comparison_live", FROM.toEpochMilli()), RANGE)).isFalse();
    }

    @Test
    void boundsAreDatesAtUtcMidnightOrInstants() {
        assertThat(ReprocessRange.parseBound("2026-11-01")).isEqualTo(FROM);
        assertThat(ReprocessRange.parseBound("2026-11-01T06:00:00Z")).isEqualTo(FROM.plusSeconds(6 * 3600));
        assertThatThrownBy(() -> ReprocessRange.parseBound("1 Nov")).hasMessageContaining("neither a date");
        assertThatThrownBy(() -> ReprocessRange.of(TO, FROM)).hasMessageContaining("empty");
    }
}
