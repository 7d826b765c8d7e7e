package io.dealerpulse.dashboards.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.dashboards.it.InfluxRows.Row;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.ExpectedWindow;
import io.dealerpulse.jobs.oracle.OracleResult;
import io.dealerpulse.jobs.scenario.RegistryVersions;
import io.dealerpulse.jobs.scenario.SiteRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The health oracle's rules on hand-made values (the dashboard IT then holds the jobs to them). */
class HealthExpectationsTest {
    private static final Instant T = Instant.parse("2026-03-04T12:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aDoorIsSuspectedFromTheFourthSilentWindowWithThreeCheckInsAndANewDayStartsAgain() {
        List<ExpectedWindow> windows = new ArrayList<>();
        long[][] visitorsAndCheckIns = {{5, 0}, {0, 1}, {0, 1}, {0, 0}, {0, 1}, {0, 0}, {3, 2}};
        for (int i = 0; i < visitorsAndCheckIns.length; i++) {
            windows.add(window("A", "2026-03-03", T.plus(Duration.ofMinutes(15L * i)), visitorsAndCheckIns[i]));
        }
        windows.add(window("A", "2026-03-04", T.plus(Duration.ofDays(1)), new long[] {0, 9}));
        List<Row> points = HealthExpectations.of(List.of(), new OracleResult(windows, Map.of(), Map.of())).doorSensor();

        assertThat(points).extracting(r -> r.bool("suspected_fault"))
                .containsExactly(false, false, false, false, true, true, false, false);
        assertThat(points).extracting(r -> (long) r.num("silent_minutes")).containsExactly(0L, 15L, 30L, 45L, 60L, 75L, 0L, 15L);
        assertThat(points).extracting(r -> (long) r.num("check_ins_while_silent")).containsExactly(0L, 1L, 2L, 2L, 3L, 3L, 0L, 9L);
    }

    @Test
    void anAgentIsSilentWhenItBeatWithin24HoursButNotInTheTenMinutesUpToTheInstant() {
        SiteRecords a = new SiteRecords("A");
        SiteRecords b = new SiteRecords("B");
        SiteRecords c = new SiteRecords("C");
        HealthExpectations health = HealthExpectations.of(List.of(
                Arrival.of(a.heartbeat(STARTED, 1, T.minus(Duration.ofMinutes(10)).minusMillis(1))),
                Arrival.of(b.heartbeat(STARTED, 1, T.minus(Duration.ofMinutes(10)))),
                Arrival.of(c.heartbeat(STARTED, 1, T.minus(Duration.ofHours(24)).minusMillis(1)))),
                new OracleResult(List.of(), Map.of(), Map.of()));

        assertThat(health.silentSites(T)).containsExactly("A");
        assertThat(health.agentStatus()).hasSize(3);
    }

    @Test
    void hourlyCountsSkipARecordTwoDaysBehindItsSiteAndCountDuplicatesInTheSiteLocalHour() {
        SiteRecords site = new SiteRecords("A");
        Instant local0915 = Instant.parse("2026-03-02T08:15:00Z"); // 09:15 in Paris
        List<Arrival> arrivals = List.of(
                Arrival.of(RegistryVersions.site("A", "Europe/Paris").everyDay("08:00-18:00")
                        .effectiveFrom(Instant.parse("2026-01-01T00:00:00Z"))),
                Arrival.of(site.heartbeat(STARTED, 1, local0915)),
                Arrival.of(site.heartbeat(STARTED, 1, local0915)), // a duplicate still counts
                Arrival.of(site.heartbeat(STARTED, 2, local0915.plus(Duration.ofHours(49)))),
                Arrival.of(site.heartbeat(STARTED, 3, local0915.plus(Duration.ofMinutes(30))))); // 49 h behind: skipped
        Map<String, Long> events = new TreeMap<>();
        HealthExpectations.of(arrivals, new OracleResult(List.of(), Map.of(), Map.of())).siteEventsHourly()
                .forEach(r -> events.put(r.str("stream") + " " + r.str("local_date") + " " + r.str("local_hour"), (long) r.num("events")));

        assertThat(events).containsEntry("agent-status 2026-03-02 09", 2L).containsEntry("agent-status 2026-03-04 10", 1L)
                .hasSize(3); // and the registry version at its event time
    }

    private static ExpectedWindow window(String site, String localDate, Instant start, long[] visitorsAndCheckIns) {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("site", site, "local_date", localDate));
        TreeMap<String, Object> fields = new TreeMap<>(Map.of("visitors", visitorsAndCheckIns[0], "check_ins", visitorsAndCheckIns[1]));
        return new ExpectedWindow(start, tags, fields);
    }
}
