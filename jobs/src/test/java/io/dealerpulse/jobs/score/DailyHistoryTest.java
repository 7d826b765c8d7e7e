package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DailyHistoryTest {
    private static final LocalDate D = LocalDate.of(2026, 6, 15);

    private static DailyHistory.Day day(double score) {
        return new DailyHistory.Day(score, true, Tier.GOLD, Trend.STABLE);
    }

    @Test
    void keepsTheFourteenDaysBeforeTheNewest() {
        DailyHistory history = new DailyHistory();
        for (int i = 30; i >= 0; i--) {
            history.put(D.minusDays(i), day(i));
        }
        assertThat(history.days().firstKey()).isEqualTo(D.minusDays(14));
        assertThat(history.days()).hasSize(15);
    }

    @Test
    void previousScoredDaySkipsDaysWithoutScore() {
        DailyHistory history = new DailyHistory()
                .put(D.minusDays(3), day(80))
                .put(D.minusDays(2), new DailyHistory.Day(0, false, Tier.NONE, Trend.STABLE))
                .put(D, day(90));
        assertThat(history.previousScored(D).orElseThrow().getKey()).isEqualTo(D.minusDays(3));
        assertThat(history.validScores()).containsOnlyKeys(D.minusDays(3), D);
        assertThat(history.previousScored(D.minusDays(3))).isEmpty();
    }
}
