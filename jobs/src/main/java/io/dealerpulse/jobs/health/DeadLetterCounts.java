package io.dealerpulse.jobs.health;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.jobs.sink.InfluxPoint;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Dead letters counted per source stream and reason (keyed by {@link #key}), as counters in
 * checkpointed state: a restart resumes the totals, it does not start them again. A changed total is
 * written at most once per emit interval (processing time), at the emission time, so the
 * latest point of a series is the current total.
 */
final class DeadLetterCounts extends KeyedProcessFunction<String, DeadLetter, InfluxPoint> {
    private static final long serialVersionUID = 1L;
    private static final String SEPARATOR = "|";

    private final long emitIntervalMillis;
    private transient ValueState<Long> count;
    private transient ValueState<Long> pendingTimer;

    DeadLetterCounts(long emitIntervalMillis) {
        this.emitIntervalMillis = emitIntervalMillis;
    }

    static String key(DeadLetter deadLetter) {
        return deadLetter.getStream() + SEPARATOR + deadLetter.getReason();
    }

    @Override
    public void open(OpenContext context) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("dead-letter-count", Types.LONG));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
    }

    @Override
    public void processElement(DeadLetter deadLetter, Context ctx, Collector<InfluxPoint> out) throws Exception {
        Long total = count.value();
        count.update(total == null ? 1 : total + 1);
        if (pendingTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + emitIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        pendingTimer.clear();
        String key = ctx.getCurrentKey();
        int split = key.indexOf(SEPARATOR);
        out.collect(HealthPoints.deadLetters(key.substring(0, split), key.substring(split + 1), count.value(), timestamp));
    }
}
