package io.dealerpulse.bench.job;

import io.dealerpulse.bench.harness.PacedFootfall;
import java.time.Duration;
import java.time.Instant;

/**
 * A steady stream of reception-door entries over every synthetic site, round robin, at {@code rate}
 * a second, with event time running from {@code from} at the wall clock's pace: each site's clock
 * keeps moving forward, so the keyed operators keep changing state while checkpoints are taken.
 */
final class SteadyInput {
    private SteadyInput() {}

    static PacedFootfall start(String bootstrap, int sites, int rate, Instant from) {
        return PacedFootfall.start("steady-input", bootstrap, rate, Duration.ofSeconds(1), (sequence, elapsed) -> {
            int site = (int) (sequence % sites);
            return new PacedFootfall.Keyed(SyntheticNetwork.siteId(site),
                    SyntheticNetwork.liveEntry(site, sequence, from.plusNanos(elapsed)));
        });
    }
}
