package io.dealerpulse.jobs.health;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.pipeline.SourceStream;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decoded records per site, per stream and per local hour of their event time (keyed by site). Every
 * record read counts, duplicates and late ones included: this shows what the site sends, not what the
 * KPIs used (that is {@code stream_accounting}). Counts are kept per UTC quarter-hour
 * ({@link HourlyBuckets}) and written, per changed local hour, every emit interval once the site's
 * time zone is known (from its registry version with the latest {@code effective_from}). Quarters
 * more than {@link #RETENTION} behind the site's latest event time are dropped from state, and a
 * record that old is not counted (its hour's point would otherwise be overwritten by a partial count).
 */
final class SiteEventsHourly extends KeyedProcessFunction<String, SiteInput, InfluxPoint> {
    private static final long serialVersionUID = 1L;
    static final Duration RETENTION = Duration.ofHours(48);

    private final long emitIntervalMillis;
    /** "stream@quarterStartMillis" → records. */
    private transient MapState<String, Long> quarters;
    private transient MapState<String, Boolean> changed;
    private transient ValueState<String> zone;
    private transient ValueState<Long> zoneEffectiveFrom;
    private transient ValueState<Long> latestEvent;
    private transient ValueState<Long> pendingTimer;

    SiteEventsHourly(long emitIntervalMillis) {
        this.emitIntervalMillis = emitIntervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        quarters = getRuntimeContext().getMapState(new MapStateDescriptor<>("quarters", Types.STRING, Types.LONG));
        changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed", Types.STRING, Types.BOOLEAN));
        zone = getRuntimeContext().getState(new ValueStateDescriptor<>("zone", Types.STRING));
        zoneEffectiveFrom = getRuntimeContext().getState(new ValueStateDescriptor<>("zone-effective-from", Types.LONG));
        latestEvent = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-event", Types.LONG));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
    }

    @Override
    public void processElement(SiteInput input, Context ctx, Collector<InfluxPoint> out) throws Exception {
        if (input.carriesDeadLetter() || input.eventTime() == null) {
            return;
        }
        if (input.getStream() == SourceStream.REGISTRY) {
            SiteRegistryVersion version = input.getRegistry();
            long from = version.getEffectiveFrom().toEpochMilli();
            if (zoneEffectiveFrom.value() == null || from >= zoneEffectiveFrom.value()) {
                zone.update(version.getTimeZone());
                zoneEffectiveFrom.update(from);
            }
        }
        long time = input.eventTime().toEpochMilli();
        long latest = latestEvent.value() == null ? time : Math.max(latestEvent.value(), time);
        latestEvent.update(latest);
        if (time < latest - RETENTION.toMillis()) {
            return;
        }
        String key = input.getStream().code() + "@" + HourlyBuckets.quarterOf(time);
        Long before = quarters.get(key);
        quarters.put(key, before == null ? 1 : before + 1);
        changed.put(key, true);
        if (pendingTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + emitIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        pendingTimer.clear();
        if (zone.value() == null) {
            // No registry version yet: keep counting (within the retention); the next record after one
            // arrives writes everything.
            dropExpired();
            return;
        }
        ZoneId siteZone = ZoneId.of(zone.value());
        Set<String> written = new HashSet<>();
        for (String key : changed.keys()) {
            int at = key.indexOf('@');
            String stream = key.substring(0, at);
            ZonedDateTime hour = HourlyBuckets.localHourOf(Long.parseLong(key.substring(at + 1)), siteZone);
            if (written.add(stream + "@" + hour.toInstant().toEpochMilli())) {
                long events = 0;
                for (long quarter : HourlyBuckets.quartersOf(hour)) {
                    Long n = quarters.get(stream + "@" + quarter);
                    events += n == null ? 0 : n;
                }
                out.collect(HealthPoints.siteEventsHourly(ctx.getCurrentKey(), stream, hour, events));
            }
        }
        changed.clear();
        dropExpired();
    }

    private void dropExpired() throws Exception {
        long horizon = latestEvent.value() - RETENTION.toMillis();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Long> e : quarters.entries()) {
            if (Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1)) + HourlyBuckets.QUARTER_MILLIS
                    <= horizon) {
                expired.add(e.getKey());
            }
        }
        for (String key : expired) {
            quarters.remove(key);
            changed.remove(key);
        }
    }

}
