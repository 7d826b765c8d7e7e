package io.dealerpulse.jobs.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaffingRulesTest {
    @Test
    void statusAgainstTheBandWithInclusiveBounds() {
        assertThat(StaffingStatus.assess(4, 1.0, 1.0, 4.0).status()).isEqualTo(StaffingStatus.OK);
        assertThat(StaffingStatus.assess(1, 1.0, 1.0, 4.0).status()).isEqualTo(StaffingStatus.OK);
        assertThat(StaffingStatus.assess(5, 1.0, 1.0, 4.0).status()).isEqualTo(StaffingStatus.UNDER_STAFFED);
        assertThat(StaffingStatus.assess(1, 2.0, 1.0, 4.0).status()).isEqualTo(StaffingStatus.OVER_STAFFED);
    }

    @Test
    void staffWithoutVisitorsIsRatioZeroOverStaffed() {
        StaffingStatus.Assessment a = StaffingStatus.assess(0, 1.5, 1.0, 4.0);
        assertThat(a).isEqualTo(new StaffingStatus.Assessment(StaffingStatus.OVER_STAFFED, true, 0.0, false));
    }

    @Test
    void visitorsWithoutStaffAreUnstaffedAndNeitherIsIdle() {
        assertThat(StaffingStatus.assess(3, 0.0, 1.0, 4.0))
                .isEqualTo(new StaffingStatus.Assessment(StaffingStatus.UNDER_STAFFED, false, 0.0, true));
        assertThat(StaffingStatus.assess(0, 0.0, 1.0, 4.0))
                .isEqualTo(new StaffingStatus.Assessment(StaffingStatus.IDLE, false, 0.0, false));
    }

    @Test
    void p90IsTheNearestRank() {
        // n = 10: the 9th smallest; n = 11: ⌈9.9⌉ = the 10th smallest; n = 1: the only value.
        List<Long> ten = List.of(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L, 100000L);
        assertThat(WaitingStats.ofMillis(ten)).isEqualTo(new WaitingStats(10, 14.5, 9.0));
        List<Long> eleven = List.of(11000L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L, 10000L);
        assertThat(WaitingStats.ofMillis(eleven).p90Seconds()).isEqualTo(10.0);
        assertThat(WaitingStats.ofMillis(List.of(1500L))).isEqualTo(new WaitingStats(1, 1.5, 1.5));
        assertThat(WaitingStats.ofMillis(List.of())).isEqualTo(WaitingStats.NONE);
    }
}
