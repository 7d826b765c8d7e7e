package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The accounting buckets of the current key (site), per input stream, in checkpointed keyed state.
 * An input is received into one bucket and later only moves between buckets, so {@code received}
 * always equals their sum. Pending inputs are also counted per (stream, end of the local day they
 * apply to), so they become aggregated when the site clock closes that day.
 */
final class SiteAccounting {
    private final MapState<String, StreamCounters> counters;
    private final MapState<String, Long> pendingByDay;

    SiteAccounting(RuntimeContext context) {
        counters = context.getMapState(new MapStateDescriptor<>("accounting",
                Types.STRING, TypeInformation.of(StreamCounters.class)));
        pendingByDay = context.getMapState(new MapStateDescriptor<>("pending-by-day", Types.STRING, Types.LONG));
    }

    void receive(SourceStream stream, Bucket bucket) throws Exception {
        update(stream, c -> c.receive(bucket));
    }

    /** Receives an input that waits for the local day ending at {@code dayEndMillis} to close. */
    void receivePending(SourceStream stream, long dayEndMillis) throws Exception {
        receive(stream, Bucket.PENDING);
        String key = stream.code() + "@" + dayEndMillis;
        Long pending = pendingByDay.get(key);
        pendingByDay.put(key, pending == null ? 1 : pending + 1);
    }

    /** Takes back a receipt (an input leaving the unknown-site hold is received again when applied). */
    void forget(SourceStream stream, Bucket bucket) throws Exception {
        update(stream, c -> c.forget(bucket));
    }

    /**
     * Moves one input counted under {@code from} (for {@link Bucket#PENDING}: waiting for the day
     * ending at {@code fromDayEnd}) to {@code to} (pending: for the day ending at {@code toDayEnd}).
     * Used when a registry version read late changes whether the input's slot is open.
     */
    void reclassify(SourceStream stream, Bucket from, long fromDayEnd, Bucket to, long toDayEnd) throws Exception {
        if (from == Bucket.PENDING) {
            String key = stream.code() + "@" + fromDayEnd;
            Long pending = pendingByDay.get(key);
            if (pending != null && pending > 1) {
                pendingByDay.put(key, pending - 1);
            } else {
                pendingByDay.remove(key);
            }
        }
        if (to == Bucket.PENDING) {
            String key = stream.code() + "@" + toDayEnd;
            Long pending = pendingByDay.get(key);
            pendingByDay.put(key, pending == null ? 1 : pending + 1);
        }
        move(stream, from, to, 1);
    }

    void move(SourceStream stream, Bucket from, Bucket to, long count) throws Exception {
        update(stream, c -> c.move(from, to, count));
    }

    /** Pending inputs of days the site clock has closed become aggregated. */
    void settle(long siteClock) throws Exception {
        List<String> settled = new ArrayList<>();
        for (Map.Entry<String, Long> entry : pendingByDay.entries()) {
            String key = entry.getKey();
            int at = key.lastIndexOf('@');
            if (Long.parseLong(key.substring(at + 1)) <= siteClock) {
                move(SourceStream.ofCode(key.substring(0, at)), Bucket.PENDING, Bucket.AGGREGATED, entry.getValue());
                settled.add(key);
            }
        }
        for (String key : settled) {
            pendingByDay.remove(key);
        }
    }

    /** One {@code stream_accounting} point per stream seen by this key. */
    List<InfluxPoint> points(String site, long timeMillis) throws Exception {
        List<InfluxPoint> points = new ArrayList<>();
        for (Map.Entry<String, StreamCounters> entry : counters.entries()) {
            points.add(KpiPoints.accounting(site, SourceStream.ofCode(entry.getKey()), entry.getValue(), timeMillis));
        }
        return points;
    }

    private void update(SourceStream stream, java.util.function.Consumer<StreamCounters> change) throws Exception {
        StreamCounters current = counters.get(stream.code());
        StreamCounters updated = current == null ? new StreamCounters() : current;
        change.accept(updated);
        counters.put(stream.code(), updated);
    }
}
