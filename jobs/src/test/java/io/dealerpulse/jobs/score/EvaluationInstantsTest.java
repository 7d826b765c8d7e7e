package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationInstantsTest {
    private static final Instant NINE = Instant.parse("2026-06-15T07:00:00Z");

    @Test
    void everyWholeMinuteAndWindowEndPassed() {
        long before = NINE.plusSeconds(30).toEpochMilli();
        long after = NINE.plusSeconds(15 * 60 + 20).toEpochMilli();
        List<Instant> instants = EvaluationInstants.between(before, after,
                List.of(NINE.plusSeconds(900), NINE.plusSeconds(1800), NINE), 10_000);
        assertThat(instants).hasSize(15).startsWith(NINE.plusSeconds(60)).endsWith(NINE.plusSeconds(900));
        assertThat(EvaluationInstants.between(after, after, List.of(), 10)).isEmpty();
    }

    @Test
    void aClockOnAMinuteIncludesItOnceAndTheCurrentMinuteIsTheNext() {
        assertThat(EvaluationInstants.between(NINE.minusMillis(1).toEpochMilli(), NINE.toEpochMilli(), List.of(), 10))
                .containsExactly(NINE);
        assertThat(EvaluationInstants.currentMinute(NINE.toEpochMilli())).isEqualTo(NINE.plusSeconds(60));
        assertThat(EvaluationInstants.currentMinute(NINE.plusMillis(1).toEpochMilli())).isEqualTo(NINE.plusSeconds(60));
    }

    @Test
    void aHugeJumpKeepsOnlyTheLatestMinutes() {
        List<Instant> instants = EvaluationInstants.between(NINE.toEpochMilli(), NINE.plusSeconds(3600).toEpochMilli(),
                List.of(), 5);
        assertThat(instants).containsExactly(NINE.plusSeconds(3360), NINE.plusSeconds(3420), NINE.plusSeconds(3480),
                NINE.plusSeconds(3540), NINE.plusSeconds(3600));
    }
}
