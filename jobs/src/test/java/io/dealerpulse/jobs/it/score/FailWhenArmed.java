package io.dealerpulse.jobs.it.score;

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
 * A test map on the footfall input that throws once, on the first record it sees after the test
 * {@linkplain #arm() armed} it, and reports completed checkpoints, so the test can put the failure
 * right after a checkpoint that holds everything published so far.
 *
 * <p>The counters are static: the MiniCluster runs in the test's JVM and a restarted task gets a
 * fresh instance. One test class uses them at a time.
 */
final class FailWhenArmed extends RichMapFunction<Either<FootfallEvent, DeadLetter>, Either<FootfallEvent, DeadLetter>>
        implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    static final AtomicInteger OPENS = new AtomicInteger();
    static final AtomicLong LATEST_CHECKPOINT = new AtomicLong(-1);
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();

    static void reset() {
        OPENS.set(0);
        LATEST_CHECKPOINT.set(-1);
        ARMED.set(false);
        FAILURES.set(0);
    }

    static void arm() {
        ARMED.set(true);
    }

    @Override
    public void open(OpenContext openContext) {
        OPENS.incrementAndGet();
    }

    @Override
    public Either<FootfallEvent, DeadLetter> map(Either<FootfallEvent, DeadLetter> value) {
        if (ARMED.compareAndSet(true, false)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("test-induced task failure on a footfall record: the job must restore its "
                    + "last checkpoint (" + LATEST_CHECKPOINT.get() + ") and replay from its offsets");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        LATEST_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
    }
}
