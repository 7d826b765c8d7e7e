package io.dealerpulse.jobs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.jobs.oracle.Bucket;
import io.dealerpulse.jobs.oracle.ExpectedWindow;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.OracleResult;
import io.dealerpulse.jobs.oracle.StaffingOracle;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.UndecodableRecordException;
import io.dealerpulse.schemas.topics.Topic;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealershipDayScenarioTest {
    private static final DealershipDayScenario SCENARIO = DealershipDayScenario.build();
    private static final OracleResult EXPECTED = StaffingOracle.compute(SCENARIO.arrivals(), OracleOptions.DEFAULTS);

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        AvroCodec codec = AvroCodec.released();
        List<Send> again = DealershipDayScenario.build().sends();
        assertThat(again).hasSameSizeAs(SCENARIO.sends());
        for (int i = 0; i < again.size(); i++) {
            assertThat(again.get(i).value(codec)).as("send %d", i).isEqualTo(SCENARIO.sends().get(i).value(codec));
            assertThat(again.get(i).key()).isEqualTo(SCENARIO.sends().get(i).key());
        }
        assertThat(DealershipDayScenario.build(7).sends()).isNotEqualTo(SCENARIO.sends());
    }

    @Test
    void aFewThousandRecordsOnEveryInputTopicWithOneCorruptRecordEach() {
        Map<Topic, Long> counts = SCENARIO.countsPerTopic();
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS,
                Topic.SURVEYS, Topic.SITE_REGISTRY, Topic.AGENT_STATUS);
        assertThat(SCENARIO.sends().size()).isBetween(2_000, 6_000);
        AvroCodec codec = AvroCodec.released();
        for (Topic topic : counts.keySet()) {
            List<Send> corrupt = SCENARIO.sends(s -> s.topic() == topic && s.corrupt());
            assertThat(corrupt).as(topic.name()).hasSize(1);
            assertThatThrownBy(() -> codec.decode(corrupt.get(0).value(codec)))
                    .isInstanceOf(UndecodableRecordException.class);
        }
        assertThat(SCENARIO.planted("corrupt")).isEqualTo(6);
    }

    @Test
    void everySiteKeepsItsRecordsInSendOrderUnderItsOwnKey() {
        for (ScenarioSite site : DealershipDayScenario.SITES) {
            assertThat(SCENARIO.sends(DealershipDayScenario.fromAgentOf(site))).isNotEmpty()
                    .allMatch(s -> s.key().equals(site.id()));
        }
        for (int i = 1; i < SCENARIO.sends().size(); i++) {
            assertThat(SCENARIO.sends().get(i).sendTime()).isAfterOrEqualTo(SCENARIO.sends().get(i - 1).sendTime());
        }
    }

    /** The oracle's view of the scenario: each planted irregularity lands in its bucket. */
    @Test
    void plantedIrregularitiesLandInTheirBuckets() {
        long duplicates = 0;
        long tooLate = 0;
        long deadLettered = 0;
        long corrected = 0;
        for (InputStream stream : InputStream.values()) {
            var totals = EXPECTED.streamTotals(stream);
            duplicates += totals.get(Bucket.DUPLICATE);
            tooLate += totals.get(Bucket.TOO_LATE);
            deadLettered += totals.get(Bucket.DEAD_LETTERED);
            corrected += totals.get(Bucket.CORRECTED_LATE);
            assertThat(totals.received()).as(stream.tag())
                    .isEqualTo(SCENARIO.sends(s -> Send.streamOf(s.topic()) == stream).size());
            assertThat(totals.get(Bucket.DEAD_LETTERED)).as(stream.tag()).isEqualTo(1);
        }
        assertThat(duplicates).isEqualTo(SCENARIO.planted("duplicate")).isGreaterThan(10);
        assertThat(tooLate).isEqualTo(SCENARIO.planted("too_late")).isEqualTo(
                EXPECTED.totals(InputStream.FOOTFALL, DealershipDayScenario.SANTIAGO.id()).get(Bucket.TOO_LATE)
                        + EXPECTED.totals(InputStream.KIOSK, DealershipDayScenario.SANTIAGO.id()).get(Bucket.TOO_LATE));
        assertThat(deadLettered).isEqualTo(6);
        assertThat(corrected).isGreaterThanOrEqualTo(SCENARIO.planted("late"));
        assertThat(EXPECTED.streamTotals(InputStream.FOOTFALL).get(Bucket.OUTSIDE_OPENING_HOURS)).isPositive();
        assertThat(EXPECTED.streamTotals(InputStream.KIOSK).get(Bucket.OUTSIDE_OPENING_HOURS)).isPositive();
        // one appointment per site is moved to after closing
        assertThat(EXPECTED.streamTotals(InputStream.APPOINTMENT).get(Bucket.OUTSIDE_OPENING_HOURS))
                .isEqualTo(DealershipDayScenario.SITES.size());
    }

    @Test
    void everyOpenWindowOfEverySiteClosesAndTheWindowsCoverEveryStatus() {
        for (ScenarioSite site : DealershipDayScenario.SITES) {
            List<ExpectedWindow> windows = EXPECTED.windowsOf(site.id());
            long openMinutes = site.openIntervals().stream()
                    .mapToLong(i -> java.time.Duration.between(i[0], i[1]).toMinutes()).sum();
            assertThat(windows).as(site.id()).hasSize((int) (openMinutes / 15));
            assertThat(windows).allMatch(w -> w.tags().get("local_date").equals("2026-03-29"));
            assertThat(EXPECTED.siteClocks().get(site.id())).isAfterOrEqualTo(site.closing());
        }
        assertThat(EXPECTED.statusCounts()).containsKeys("ok", "under_staffed", "over_staffed", "idle");
        assertThat(EXPECTED.windows()).anyMatch(w -> w.fields().get("unstaffed").equals(true));
        assertThat(EXPECTED.windows()).anyMatch(w -> (Long) w.fields().get("appointments_arrived") > 0)
                .anyMatch(w -> (Long) w.fields().get("walk_ins") > 0)
                .anyMatch(w -> (Long) w.fields().get("waiting_served") > 1);
        // Kolkata's second version: its band from the 12:15 window on
        var kolkata = DealershipDayScenario.KOLKATA;
        assertThat(EXPECTED.windowsOf(kolkata.id())).filteredOn(w -> w.time().equals(kolkata.at("12:00")))
                .singleElement().satisfies(w -> assertThat(w.fields()).containsEntry("target_min", 2.0));
        assertThat(EXPECTED.windowsOf(kolkata.id())).filteredOn(w -> w.time().equals(kolkata.at("12:15")))
                .singleElement().satisfies(w -> assertThat(w.fields()).containsEntry("target_min", 1.5));
    }

    @Test
    void printsItsFigures() {
        System.out.println("scenario: " + SCENARIO.sends().size() + " records " + SCENARIO.countsPerTopic()
                + ", windows " + EXPECTED.windows().size() + " " + EXPECTED.statusCounts());
        for (InputStream stream : InputStream.values()) {
            System.out.println("  " + stream.tag() + ": " + EXPECTED.streamTotals(stream));
        }
        assertThat(Arrays.asList(InputStream.values())).allMatch(s -> EXPECTED.streamTotals(s).received() > 0);
    }
}
