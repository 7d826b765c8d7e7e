package io.dealerpulse.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.pipeline.SourceStream;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The processing-time counters of pipeline health, driven by the harness's processing-time clock. */
class HealthCountersTest {
    private static final long INTERVAL = 1_000;
    private static final long MINUTE = 60_000;

    private static DeadLetter deadLetter(String stream, String reason) {
        return DeadLetter.newBuilder().setEventId("e").setSource("test").setStream(stream).setReason(reason)
                .setDetail("d").setPayload(ByteBuffer.wrap(new byte[] {1})).setReceivedTime(Instant.EPOCH)
                .setDeadLetteredTime(Instant.EPOCH).build();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DeadLetter, InfluxPoint> deadLetterHarness(
            OperatorSubtaskState restore) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DeadLetterCounts(INTERVAL)),
                DeadLetterCounts::key, Types.STRING);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    @Test
    void deadLetterTotalsAreWrittenOncePerIntervalAndSurviveARestore() throws Exception {
        var h = deadLetterHarness(null);
        h.setProcessingTime(0);
        h.processElement(deadLetter("footfall", "CORRUPT_AVRO"), 0);
        h.processElement(deadLetter("footfall", "CORRUPT_AVRO"), 0);
        h.processElement(deadLetter("kiosk", "UNKNOWN_SITE"), 0);
        assertThat(h.extractOutputValues()).as("nothing before the interval").isEmpty();

        h.setProcessingTime(INTERVAL);
        assertThat(summary(h.extractOutputValues())).containsExactlyInAnyOrder(
                "dead_letters CORRUPT_AVRO footfall 2 @1000", "dead_letters UNKNOWN_SITE kiosk 1 @1000");

        OperatorSubtaskState snapshot = h.snapshot(1, INTERVAL);
        h.close();
        var restored = deadLetterHarness(snapshot);
        restored.setProcessingTime(5 * INTERVAL);
        restored.processElement(deadLetter("footfall", "CORRUPT_AVRO"), 0);
        restored.setProcessingTime(6 * INTERVAL);
        assertThat(summary(restored.extractOutputValues())).as("the total goes on from the restored state")
                .containsExactly("dead_letters CORRUPT_AVRO footfall 3 @6000");
        restored.close();
    }

    @Test
    void aMinuteIsWrittenWhenItsCountChangedThenOnceCompleteAndItsCountsAddUp() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new InputRate(INTERVAL)),
                (SiteInput input) -> input.getStream().code(), Types.STRING);
        h.open();
        SiteInput kiosk = SiteInput.deadLettered(SourceStream.KIOSK, deadLetter("kiosk", "NOT_SINGLE_OBJECT"));
        h.setProcessingTime(MINUTE + 100);
        h.processElement(kiosk, 0);
        h.processElement(kiosk, 0);
        h.setProcessingTime(MINUTE + 100 + INTERVAL);
        h.setProcessingTime(2 * MINUTE - 1);
        h.processElement(kiosk, 0);
        h.setProcessingTime(2 * MINUTE + 10);
        h.processElement(kiosk, 0);
        h.setProcessingTime(3 * MINUTE + 10);

        List<String> points = summary(h.extractOutputValues());
        assertThat(points).containsExactly(
                "input_rate kiosk 2 false @60000",
                "input_rate kiosk 3 true @60000",
                "input_rate kiosk 1 false @120000",
                "input_rate kiosk 1 true @120000");
        h.close();
    }

    private static List<String> summary(List<InfluxPoint> points) {
        // Tags in key order (reason before stream).
        return points.stream().map(p -> p.getMeasurement() + " " + String.join(" ", p.getTags().values()) + " "
                + p.getLongFields().values().iterator().next()
                + (p.getBooleanFields().isEmpty() ? "" : " " + p.getBooleanFields().get("complete"))
                + " @" + p.getTimestampMillis()).toList();
    }
}
