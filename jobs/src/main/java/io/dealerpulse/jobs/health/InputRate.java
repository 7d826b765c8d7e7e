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
 * time. The current minute's point is written every emit interval with {@code complete=false} and
 * rewritten with its final count and {@code complete=true} once the minute is over; a minute without
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

    InputRate(long emitIntervalMillis) {
        this.emitIntervalMillis = emitIntervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        minute = getRuntimeContext().getState(new ValueStateDescriptor<>("minute", Types.LONG));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
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
        if (pendingTimer.value() == null) {
            long at = now + emitIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        pendingTimer.clear();
        Long start = minute.value();
        if (start == null) {
            return;
        }
        boolean over = timestamp >= start + MINUTE_MILLIS;
        out.collect(HealthPoints.inputRate(ctx.getCurrentKey(), start, count.value(), over));
        if (over) {
            minute.clear();
            count.clear();
        } else {
            // Keep writing the running minute, and write it once more, complete, after it ends.
            long at = Math.min(timestamp + emitIntervalMillis, start + MINUTE_MILLIS);
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingTimer.update(at);
        }
    }
}
