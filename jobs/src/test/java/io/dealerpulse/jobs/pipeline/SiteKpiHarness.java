package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** {@link SiteKpiFunction} in Flink's keyed operator test harness, with readable accessors. */
final class SiteKpiHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, SiteInput, InfluxPoint> harness;

    SiteKpiHarness(KpiOptions options) throws Exception {
        this(options, null);
    }

    private SiteKpiHarness(KpiOptions options, OperatorSubtaskState restoreFrom) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SiteKpiFunction(options)), SiteInput::getSiteId, Types.STRING);
        // As in production (pipeline.generic-types: false): any state type falling back to Kryo fails the test.
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        harness.getExecutionConfig().configure(noKryo, getClass().getClassLoader());
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** A new harness restored from a snapshot of this one (as after a failure and restart). */
    SiteKpiHarness restart(KpiOptions options) throws Exception {
        OperatorSubtaskState state = harness.snapshot(1L, 1L);
        harness.close();
        return new SiteKpiHarness(options, state);
    }

    SiteKpiHarness send(Object... records) throws Exception {
        for (Object record : records) {
            harness.processElement(new StreamRecord<>(envelope(record)));
        }
        return this;
    }

    SiteKpiHarness sendDeadLetter(SourceStream stream, DeadLetter deadLetter) throws Exception {
        harness.processElement(new StreamRecord<>(SiteInput.deadLettered(stream, deadLetter)));
        return this;
    }

    void setProcessingTime(Instant now) throws Exception {
        harness.setProcessingTime(now.toEpochMilli());
    }

    /** Keys of the site's de-duplication state. */
    List<String> seenIds(String site) throws Exception {
        return mapKeys(site, new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
    }

    /** Ids of the events kept in state for window recomputation. */
    List<String> retainedEvents(String site) throws Exception {
        return mapKeys(site, new MapStateDescriptor<>("retained-events", Types.STRING,
                TypeInformation.of(SiteInput.class)));
    }

    private <V> List<String> mapKeys(String site, MapStateDescriptor<String, V> descriptor) throws Exception {
        KeyedStateBackend<String> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(site);
        MapState<String, V> state = backend.getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
        List<String> keys = new ArrayList<>();
        state.keys().forEach(keys::add);
        return keys;
    }

    /** Every point written so far, in order. */
    List<InfluxPoint> points() {
        return new ArrayList<>(harness.extractOutputValues());
    }

    private List<InfluxPoint> windowOutput(String site) {
        return points().stream().filter(p -> p.getMeasurement().equals(KpiPoints.STAFFING_WINDOW))
                .filter(p -> site.equals(p.getTags().get("site"))).toList();
    }

    /** Window points of the site, in the order written (rewrites included), without tombstones. */
    List<InfluxPoint> windowWrites(String site) {
        return windowOutput(site).stream().filter(p -> !p.isTombstone()).toList();
    }

    /** Tombstones (deletes) of the site's window points, in order. */
    List<InfluxPoint> windowDeletes(String site) {
        return windowOutput(site).stream().filter(InfluxPoint::isTombstone).toList();
    }

    /**
     * What InfluxDB holds for the site's windows: per window start and series (tags), the last write
     * not deleted by a later tombstone. Fails if one start is held by two series (stale tags left over).
     */
    Map<Instant, InfluxPoint> windows(String site) {
        Map<String, InfluxPoint> bySeries = new LinkedHashMap<>();
        for (InfluxPoint p : windowOutput(site)) {
            if (p.isTombstone()) {
                bySeries.remove(p.seriesKey());
            } else {
                bySeries.put(p.seriesKey(), p);
            }
        }
        Map<Instant, InfluxPoint> latest = new java.util.TreeMap<>();
        for (InfluxPoint p : bySeries.values()) {
            InfluxPoint other = latest.put(Instant.ofEpochMilli(p.getTimestampMillis()), p);
            if (other != null) {
                throw new AssertionError("two series hold window " + p.getTimestampMillis() + ": " + other + " and " + p);
            }
        }
        return latest;
    }

    InfluxPoint window(String site, Instant start) {
        InfluxPoint point = windows(site).get(start);
        if (point == null) {
            throw new AssertionError("no window " + start + " for " + site + "; written: " + windows(site).keySet());
        }
        return point;
    }

    /** Every accounting point of a stream of a site, in the order written. */
    List<InfluxPoint> accountingWrites(String site, SourceStream stream) {
        return points().stream().filter(p -> p.getMeasurement().equals(KpiPoints.STREAM_ACCOUNTING))
                .filter(p -> site.equals(p.getTags().get("site")) && stream.code().equals(p.getTags().get("stream")))
                .toList();
    }

    /** The latest accounting point of a stream of a site. */
    InfluxPoint accounting(String site, SourceStream stream) {
        InfluxPoint latest = null;
        for (InfluxPoint p : points()) {
            if (p.getMeasurement().equals(KpiPoints.STREAM_ACCOUNTING) && site.equals(p.getTags().get("site"))
                    && stream.code().equals(p.getTags().get("stream"))) {
                latest = p;
            }
        }
        if (latest == null) {
            throw new AssertionError("no accounting point for " + site + "/" + stream.code());
        }
        return latest;
    }

    List<DeadLetter> deadLetters() {
        return values(harness.getSideOutput(SiteKpiFunction.DEAD_LETTERS));
    }

    List<DeadLetter> lateEvents() {
        return values(harness.getSideOutput(SiteKpiFunction.LATE_EVENTS));
    }

    private static List<DeadLetter> values(java.util.Collection<StreamRecord<DeadLetter>> records) {
        List<DeadLetter> values = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> values.add(r.getValue()));
        }
        return values;
    }

    private static SiteInput envelope(Object record) {
        if (record instanceof FootfallEvent e) {
            return SiteInput.of(e);
        } else if (record instanceof KioskEvent e) {
            return SiteInput.of(e);
        } else if (record instanceof AppointmentEvent e) {
            return SiteInput.of(e);
        } else if (record instanceof SurveyResponse e) {
            return SiteInput.of(e);
        } else if (record instanceof SiteRegistryVersion e) {
            return SiteInput.of(e);
        } else if (record instanceof AgentStatus e) {
            return SiteInput.of(e);
        }
        throw new IllegalArgumentException("not an input record: " + record);
    }

    @Override
    public void close() {
        try {
            harness.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the operator test harness failed", e);
        }
    }
}
