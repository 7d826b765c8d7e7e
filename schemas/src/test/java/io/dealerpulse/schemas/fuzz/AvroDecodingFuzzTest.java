package io.dealerpulse.schemas.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.kafka.AvroDeserializer;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.UndecodableRecordException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Coverage-guided fuzzing of the three ways DealerPulse decodes Avro bytes, with Jazzer
 * (docs/robustness.md). Without {@code JAZZER_FUZZ} each method runs once per committed input under
 * {@code src/test/resources/io/dealerpulse/schemas/fuzz/AvroDecodingFuzzTestInputs/<method>/}
 * (encodings of {@code SampleEvents.oneOfEach()} and past findings); with it, one method is fuzzed for
 * at most {@code maxDuration}:
 * <pre>JAZZER_FUZZ=1 ./mvnw -B -pl schemas test -Dtest=AvroDecodingFuzzTest#codec -DargLine=-Xmx256m</pre>
 * A small heap is part of the property: a corrupt length must not make the decoder allocate what it
 * announces (an OutOfMemoryError is a finding like any other undeclared throwable).
 */
class AvroDecodingFuzzTest {
    private static final AvroCodec CODEC = AvroCodec.released();
    private static final AvroDeserializer KAFKA = new AvroDeserializer(CODEC);

    /**
     * A record or {@link UndecodableRecordException}; re-encoding a decoded record is stable: its
     * encoding decodes and encodes to the same bytes. (Compared as bytes, not with equals: a fuzzed
     * double can be NaN, which Avro carries bit for bit but record equality may not treat as equal;
     * see the crash input committed beside the seeds.)
     */
    @FuzzTest(maxDuration = "2m")
    void codec(byte[] bytes) {
        SpecificRecord record;
        try {
            record = CODEC.decode(bytes);
        } catch (UndecodableRecordException e) {
            assertThat(e.reason()).as("reason of '%s'", e.getMessage()).isNotNull();
            return;
        }
        assertThat(record).isNotNull();
        byte[] encoded = CODEC.encode(record);
        try {
            assertThat(CODEC.encode(CODEC.decode(encoded))).as("re-encoded %s", record.getSchema().getName())
                    .isEqualTo(encoded);
        } catch (UndecodableRecordException e) {
            throw new AssertionError("a decoded " + record.getSchema().getName() + " does not decode after"
                    + " re-encoding: " + e.getMessage(), e);
        }
    }

    /** The Kafka deserializer: a record, or SerializationException naming the topic. */
    @FuzzTest(maxDuration = "2m")
    void kafkaDeserializer(byte[] bytes) {
        try {
            assertThat(KAFKA.deserialize("dealerpulse.footfall.v1", bytes)).isNotNull();
        } catch (SerializationException e) {
            assertThat(e.getMessage()).contains("dealerpulse.footfall.v1");
        }
    }

    /** The jobs' source schema: exactly one output per record, a footfall event or a dead letter that encodes. */
    @FuzzTest(maxDuration = "2m")
    void jobsDeserializationSchema(byte[] bytes) {
        DecodingDeserializationSchema<FootfallEvent> schema = DecodingDeserializationSchema.of(FootfallEvent.class,
                "footfall");
        List<Either<FootfallEvent, DeadLetter>> out = new ArrayList<>();
        schema.deserialize(new ConsumerRecord<>("dealerpulse.footfall.v1", 1, 42L, null, bytes), new Collector<>() {
            @Override
            public void collect(Either<FootfallEvent, DeadLetter> record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        assertThat(out).as("outputs of one Kafka record").hasSize(1);
        if (out.get(0).isRight()) {
            DeadLetter deadLetter = out.get(0).right();
            assertThat(deadLetter.getReason()).isNotBlank();
            CODEC.encode(deadLetter);
        }
    }
}
