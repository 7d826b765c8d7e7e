package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.Registries;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.SiteActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteScorerTest {
    private static final SiteScorer SCORER = new SiteScorer(ScoreOptions.defaults());
    /** Paris falls back on Sunday 2026-10-25 at 03:00 (+02:00) → 02:00 (+01:00): a 25-hour day. */
    private static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);
    /** Open 01:00–04:00 local: 3 wall-clock hours, 4 real hours (the repeated hour) on the fall-back day. */
    private static final RegistryHistory NIGHT_SHIFT = new RegistryHistory(List.of(
            Registries.site("p", "Europe/Paris").everyDay("01:00", "04:00").region("north").build()));

    /** One advisor on duty from opening, one visitor every 15 min: ratio 1 with band 1–4 → every window ok. */
    private static SiteActivity busyNight(LocalDate date) {
        Instant open = date.atTime(1, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant();
        SiteActivity activity = new SiteActivity().add(new DutyEvent("adv", open, true, "on"));
        for (int i = 0; i < 16; i++) {
            activity.add(new Entry(open.plusSeconds(900L * i + 60), 1));
        }
        return activity;
    }

    @Test
    void dailyScoreOfAFallBackDayCoversItsTwentyFiveHoursAndItsRepeatedHour() {
        Instant last = SiteScorer.lastInstant(FALL_BACK, NIGHT_SHIFT).orElseThrow();
        assertThat(last).isEqualTo(Instant.parse("2026-10-25T22:59:59.999Z"));
        SiteScorer.Scored daily = SCORER.daily(FALL_BACK, NIGHT_SHIFT, busyNight(FALL_BACK), List.of(), List.of(),
                new DailyHistory()).orElseThrow();
        assertThat(daily.today()).isEqualTo(FALL_BACK);
        // 01:00–04:00 local is 16 quarter hours of real time that day (12 on an ordinary day)
        assertThat(daily.score().components().staffing()).isEqualTo(new Component(1.0, 16, true));
        assertThat(daily.score().score()).isEqualTo(100.0);
        assertThat(daily.score().tier()).isEqualTo(Tier.PLATINUM);
        assertThat(daily.tags().region()).isEqualTo("north");

        SiteScorer.Scored ordinary = SCORER.daily(FALL_BACK.minusDays(1), NIGHT_SHIFT, busyNight(FALL_BACK.minusDays(1)),
                List.of(), List.of(), new DailyHistory()).orElseThrow();
        assertThat(ordinary.score().components().staffing().n()).isEqualTo(12);
    }

    @Test
    void liveScoreCountsOnlyWindowsEndedByTAndTheTrendComesFromDailyHistory() {
        // 02:30 local on the fall-back day, first pass (+02:00): windows 01:00–02:30 ended = 6
        Instant t = Instant.parse("2026-10-25T00:30:00Z");
        DailyHistory history = new DailyHistory();
        for (int i = 1; i <= 14; i++) {
            history.put(FALL_BACK.minusDays(i), new DailyHistory.Day(i <= 7 ? 90 : 80, true, Tier.GOLD, Trend.STABLE));
        }
        SiteScorer.Scored live = SCORER.asOf(t, NIGHT_SHIFT, busyNight(FALL_BACK), List.of(), List.of(), history)
                .orElseThrow();
        assertThat(live.score().components().staffing().n()).isEqualTo(6);
        assertThat(live.score().trend()).isEqualTo(Trend.IMPROVING);
        // second pass of 02:30 (+01:00), one hour later: 4 more windows
        SiteScorer.Scored again = SCORER.asOf(t.plusSeconds(3600), NIGHT_SHIFT, busyNight(FALL_BACK), List.of(),
                List.of(), history).orElseThrow();
        assertThat(again.score().components().staffing().n()).isEqualTo(10);
    }

    @Test
    void noRegistryVersionInForceGivesNoScore() {
        RegistryHistory later = new RegistryHistory(List.of(Registries.site("p", "Europe/Paris").everyDay("08:00", "18:00")
                .effectiveFrom(Instant.parse("2027-01-01T00:00:00Z")).build()));
        assertThat(SCORER.asOf(Instant.parse("2026-06-15T10:00:00Z"), later, new SiteActivity(), List.of(), List.of(),
                new DailyHistory())).isEmpty();
    }
}
