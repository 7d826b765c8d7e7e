package io.dealerpulse.bench.micro;

import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.UndecodableRecordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link AvroCodec} (single-object encoding: marker, schema fingerprint, body; schema resolution on
 * read) against the baseline of plain {@link SpecificDatumWriter} / {@link SpecificDatumReader} on
 * the same {@link FootfallEvent}, each reused across calls with a reused encoder/decoder - the
 * cheapest way Avro offers to write and read the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AvroSerdeBenchmark {
    private final AvroCodec codec = AvroCodec.released();
    private final FootfallEvent event = footfall();

    private final SpecificDatumWriter<FootfallEvent> plainWriter = new SpecificDatumWriter<>(FootfallEvent.class);
    private final SpecificDatumReader<FootfallEvent> plainReader = new SpecificDatumReader<>(FootfallEvent.class);
    private final ByteArrayOutputStream plainOut = new ByteArrayOutputStream(256);
    private BinaryEncoder plainEncoder;
    private BinaryDecoder plainDecoder;

    private byte[] codecBytes;
    private byte[] plainBytes;

    static FootfallEvent footfall() {
        Instant time = Instant.parse("2025-11-24T08:14:00Z");
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of("FR-PARIS-01", "door-2", "main", time.toString(), "IN"))
                .setSiteId("FR-PARIS-01")
                .setDeviceId("door-2")
                .setLineId("main")
                .setReceptionDoor(true)
                .setDirection(Direction.IN)
                .setCount(4)
                .setEventTime(time)
                .setIntervalEnd(time.plusSeconds(60))
                .setReceivedTime(time.plusSeconds(61))
                .setDeviceTime(time)
                .setClockReplaced(false)
                .setCounterReset(false)
                .setSourceFormat(CounterFormat.GENERIC)
                .build();
    }

    @Setup
    public void encodeOnce() throws Exception {
        codecBytes = codec.encode(event);
        plainBytes = plainEncode();
        if (!codec.decode(codecBytes).equals(event) || !plainDecode().equals(event)) {
            throw new IllegalStateException("a FootfallEvent did not survive the round trip: the benchmark would"
                    + " measure a broken serde");
        }
    }

    @Benchmark
    public byte[] codecEncode() {
        return codec.encode(event);
    }

    @Benchmark
    public SpecificRecord codecDecode() throws UndecodableRecordException {
        return codec.decode(codecBytes);
    }

    @Benchmark
    public byte[] plainEncode() throws IOException {
        plainOut.reset();
        plainEncoder = EncoderFactory.get().binaryEncoder(plainOut, plainEncoder);
        plainWriter.write(event, plainEncoder);
        plainEncoder.flush();
        return plainOut.toByteArray();
    }

    @Benchmark
    public FootfallEvent plainDecode() throws IOException {
        plainDecoder = DecoderFactory.get().binaryDecoder(plainBytes, plainDecoder);
        return plainReader.read(null, plainDecoder);
    }
}
