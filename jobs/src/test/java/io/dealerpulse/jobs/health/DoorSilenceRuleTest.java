package io.dealerpulse.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.health.DoorSilenceRule.Silence;
import io.dealerpulse.jobs.health.DoorSilenceRule.WindowCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suspected door-sensor fault rule with a span of 4 windows (1 h) and at least 3 check-ins. */
class DoorSilenceRuleTest {
    private static final int SPAN = 4;
    private static final int MIN_CHECK_INS = 3;

    private static Silence at(WindowCounts... day) {
        return DoorSilenceRule.evaluate(List.of(day), SPAN, MIN_CHECK_INS);
    }

    private static WindowCounts silent(long checkIns) {
        return new WindowCounts(0, checkIns);
    }

    private static WindowCounts counted(long visitors, long checkIns) {
        return new WindowCounts(visitors, checkIns);
    }

    @Test
    void oneWindowShortOfTheSpanIsNotAFault() {
        assertThat(at(silent(1), silent(1), silent(1))).isEqualTo(new Silence(3, 3, false));
    }

    @Test
    void exactlyTheSpanWithExactlyTheMinimumCheckInsIsAFault() {
        assertThat(at(silent(1), silent(0), silent(1), silent(1))).isEqualTo(new Silence(4, 3, true));
    }

    @Test
    void theSpanWithOneCheckInTooFewIsNotAFault() {
        assertThat(at(silent(1), silent(0), silent(0), silent(1))).isEqualTo(new Silence(4, 2, false));
    }

    @Test
    void aSingleCountedEntryEndsTheSilenceAndOnlyLaterWindowsCount() {
        assertThat(at(silent(5), silent(5), counted(1, 0), silent(1), silent(1), silent(1)))
                .isEqualTo(new Silence(3, 3, false));
        assertThat(at(silent(5), silent(5), counted(1, 0), silent(1), silent(1), silent(1), silent(0)))
                .isEqualTo(new Silence(4, 3, true));
    }

    @Test
    void aWindowWithEntriesIsNeverSilentWhateverItsCheckIns() {
        assertThat(at(silent(2), silent(2), silent(2), counted(1, 9))).isEqualTo(new Silence(0, 0, false));
    }

    @Test
    void aDayOfIdleWindowsIsSilentButNotAFaultWithoutCheckIns() {
        List<WindowCounts> day = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            day.add(silent(0));
        }
        assertThat(DoorSilenceRule.evaluate(day, SPAN, MIN_CHECK_INS)).isEqualTo(new Silence(40, 0, false));
    }

    @Test
    void theFirstWindowOfTheDayStartsAFreshRun() {
        assertThat(at(silent(3))).isEqualTo(new Silence(1, 3, false));
        assertThat(DoorSilenceRule.evaluate(List.of(silent(3)), 1, 3)).isEqualTo(new Silence(1, 3, true));
    }
}
