package io.dealerpulse.jobs.it;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.types.Either;

/**
 * Test-only maps put on the footfall input. Their counters are static because the MiniCluster runs
 * in the test's JVM and a restarted task gets a fresh instance; one test uses them at a time.
 */
final class FootfallTaps {
    static final AtomicInteger OPENS = new AtomicInteger();
    static final AtomicInteger CHECKPOINTS_COMPLETED = new AtomicInteger();
    static final AtomicLong RECORDS = new AtomicLong();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private FootfallTaps() {}

    static void reset() {
        OPENS.set(0);
        CHECKPOINTS_COMPLETED.set(0);
        RECORDS.set(0);
        FAILED.set(false);
    }

    /**
     * Slows the footfall input (so the job is still running when something happens to it) and, if
     * {@code failAfter > 0}, throws once after that many records and at least one completed checkpoint,
     * so the job must recover from that checkpoint.
     */
    static final class SlowAndMaybeFail extends RichMapFunction<Either<FootfallEvent, DeadLetter>, Either<FootfallEvent, DeadLetter>>
            implements CheckpointListener {
        private static final long serialVersionUID = 1L;

        private final long sleepMillis;
        private final long failAfter;

        SlowAndMaybeFail(long sleepMillis, long failAfter) {
            this.sleepMillis = sleepMillis;
            this.failAfter = failAfter;
        }

        @Override
        public void open(OpenContext openContext) {
            OPENS.incrementAndGet();
        }

        @Override
        public Either<FootfallEvent, DeadLetter> map(Either<FootfallEvent, DeadLetter> value) throws Exception {
            long seen = RECORDS.incrementAndGet();
            if (failAfter > 0 && seen >= failAfter && CHECKPOINTS_COMPLETED.get() > 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("test-induced failure after " + seen
                        + " footfall records: the job must restore its last checkpoint");
            }
            if (!FAILED.get() || failAfter == 0) {
                // Until the first checkpoint completes, go slower still: on a loaded machine the first
                // checkpoint may otherwise complete only after all the footfall passed, and the
                // failure it must precede never happens.
                Thread.sleep(failAfter > 0 && CHECKPOINTS_COMPLETED.get() == 0 ? 10 * sleepMillis : sleepMillis);
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS_COMPLETED.incrementAndGet();
        }
    }
}
