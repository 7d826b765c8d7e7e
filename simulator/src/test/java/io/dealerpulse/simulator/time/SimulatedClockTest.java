package io.dealerpulse.simulator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private static final Instant START = Instant.parse("2026-03-03T07:30:00Z");

    @Test
    void runsSpeedTimesFasterThanRealTimeFromItsStart() {
        AtomicLong nanos = new AtomicLong(1_000);
        SimulatedClock clock = SimulatedClock.over(nanos::get, START, 360);
        assertThat(clock.instant()).isEqualTo(START);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
    }

    @Test
    void convertsSimulatedWaitsToRealOnes() {
        AtomicLong nanos = new AtomicLong();
        SimulatedClock clock = SimulatedClock.over(nanos::get, START, 60);
        assertThat(clock.realTimeUntil(START.plus(Duration.ofMinutes(15)))).isEqualTo(Duration.ofSeconds(15));
        assertThat(clock.realTimeUntil(START.minusSeconds(1))).isZero();
        assertThat(clock.toReal(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesANonPositiveSpeed() {
        assertThatThrownBy(() -> SimulatedClock.startingAt(START, 0)).hasMessageContaining("speed");
    }
}
