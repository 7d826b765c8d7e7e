package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A task failure with at-least-once replay, on {@link SiteKpiFunction} in the operator test harness:
 * the first attempt processes inputs 0..failAt, having checkpointed its state after input
 * checkpointAt (≤ failAt), and fails; the second attempt restores that checkpoint and processes
 * inputs checkpointAt+1..end again. Everything both attempts wrote reaches the sink, in order, as it
 * would reach InfluxDB (points are idempotent: the same series and time overwrite).
 */
final class RestartAndReplay {
    private RestartAndReplay() {}

    static List<InfluxPoint> run(KpiOptions options, List<SiteInput> inputs, int checkpointAt, int failAt)
            throws Exception {
        List<InfluxPoint> written = new ArrayList<>();
        OperatorSubtaskState checkpoint = null;
        try (KeyedOneInputStreamOperatorTestHarness<String, SiteInput, InfluxPoint> first = open(options, null)) {
            for (int i = 0; i <= failAt; i++) {
                first.processElement(new StreamRecord<>(inputs.get(i)));
                if (i == checkpointAt) {
                    checkpoint = first.snapshot(1L, 1L);
                }
            }
            written.addAll(first.extractOutputValues());
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, SiteInput, InfluxPoint> second = open(options, checkpoint)) {
            for (int i = checkpointAt + 1; i < inputs.size(); i++) {
                second.processElement(new StreamRecord<>(inputs.get(i)));
            }
            written.addAll(second.extractOutputValues());
        }
        return written;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SiteInput, InfluxPoint> open(KpiOptions options,
            OperatorSubtaskState restoreFrom) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, SiteInput, InfluxPoint> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SiteKpiFunction(options)),
                        SiteInput::getSiteId, Types.STRING);
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        harness.getExecutionConfig().configure(noKryo, RestartAndReplay.class.getClassLoader());
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    static SiteInput envelope(Object record) {
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
}
