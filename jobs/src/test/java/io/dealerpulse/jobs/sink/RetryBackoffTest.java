package io.dealerpulse.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void withoutJitterTheWaitDoublesFromTheInitialUpToTheMax() {
        RetryBackoff backoff = new RetryBackoff(INITIAL, MAX, 0);

        assertThat(backoff.delay(1, 0.3)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(2, 0.3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(3, 0.3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delay(6, 0.3)).isEqualTo(Duration.ofMillis(6400));
        assertThat(backoff.delay(7, 0.3)).isEqualTo(MAX);
        assertThat(backoff.delay(8, 0.3)).isEqualTo(MAX);
    }

    @Test
    void theWaitStaysAtTheMaxForeverWithoutOverflowing() {
        RetryBackoff backoff = new RetryBackoff(INITIAL, MAX, 0);

        assertThat(backoff.delay(64, 0.0)).isEqualTo(MAX);
        assertThat(backoff.delay(1_000_000, 0.0)).isEqualTo(MAX);
    }

    @Test
    void jitterRandomisesTheConfiguredShareOfTheWait() {
        RetryBackoff backoff = new RetryBackoff(INITIAL, MAX, 0.5);

        // attempt 3: exponential wait 800 ms; half of it is random
        assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofMillis(600));
        assertThat(backoff.delay(3, 0.999)).isEqualTo(Duration.ofMillis(800));
        // the cap bounds the jittered wait too
        assertThat(backoff.delay(20, 0.999)).isEqualTo(Duration.ofMillis(9995));
    }

    @Test
    void fullJitterCanWaitAlmostNothing() {
        RetryBackoff backoff = new RetryBackoff(INITIAL, MAX, 1.0);

        assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ZERO);
        assertThat(backoff.delay(2, 0.25)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, MAX, 0.5)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetryBackoff(MAX, INITIAL, 0.5)).hasMessageContaining("shorter than");
        assertThatThrownBy(() -> new RetryBackoff(INITIAL, MAX, 1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new RetryBackoff(INITIAL, MAX, 0).delay(0, 0.1)).hasMessageContaining("from 1");
    }
}
