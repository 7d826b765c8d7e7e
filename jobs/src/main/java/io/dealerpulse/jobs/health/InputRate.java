package io.dealerpulse.jobs.health;

import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.sink.InfluxPoint;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Records read per input stream (keyed by stream code; decoded or not) per minute of processing
 * time. The current minute's point is written at most once per emit interval, when its count
 * changed, with {@code complete=false}, and rewritten with its final count and {@code complete=true} once the minute is over; a minute without
 * records has no point (read it as 0). Counts, rather than a sliding rate, add up exactly: the sum of
 * a stream's {@code events} is the number of records read.
 */
final class InputRate extends KeyedProcessFunction<String, SiteInput, InfluxPoint> {
    private static final long serialVersionUID = 1L;
    static final long MINUTE_MILLIS = 60_000L;

    private final long emitIntervalMillis;
    private transient ValueState<Long> minute;
    private transient ValueState<Long> count;
    private transient ValueState<Long> pendingTimer;
    private transient ValueState<Boolean> changed;

    InputRate(long emitIntervalMillis) {
        this.emitIntervalMillis = emitIntervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        minute = getRuntimeContext().getState(new ValueStateDescriptor<>("minute", Types.LONG));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
        changed = getRuntimeContext().getState(new ValueStateDescriptor<>("changed", Types.BOOLEAN));
    }

    @Override
    public void processElement(SiteInput input, Context ctx, Collector<InfluxPoint> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long current = now - Math.floorMod(now, MINUTE_MILLIS);
        if (minute.value() != null && minute.value() != current) {
            out.collect(HealthPoints.inputRate(ctx.getCurrentKey(), minute.value(), count.value(), true));
            count.clear();
        }
        minute.update(current);
        count.update(count.value() == null ? 1 : count.value() + 1);
        changed.update(true);
        Long pending = pendingTimer.value();
        if (pending == null || pending > now + emitIntervalMillis) {
            schedule(ctx.timerService(), now + emitIntervalMillis);
        }
    }

    /**
     * Writes the running minute if it changed, and the minute once more, complete, when it is over.
     * A timer that finds nothing to do (e.g. the minute-end timer of a minute already written as
     * complete when the next minute's first record arrived) writes nothing.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        pendingTimer.clear();
        Long start = minute.value();
        if (start == null) {
            return;
        }
        if (timestamp >= start + MINUTE_MILLIS) {
            out.collect(HealthPoints.inputRate(ctx.getCurrentKey(), start, count.value(), true));
            minute.clear();
            count.clear();
            changed.clear();
            return;
        }
        if (Boolean.TRUE.equals(changed.value())) {
            out.collect(HealthPoints.inputRate(ctx.getCurrentKey(), start, count.value(), false));
            changed.clear();
        }
        schedule(ctx.timerService(), start + MINUTE_MILLIS);
    }

    private void schedule(org.apache.flink.streaming.api.TimerService timers, long at) throws Exception {
        timers.registerProcessingTimeTimer(at);
        pendingTimer.update(at);
    }
}
