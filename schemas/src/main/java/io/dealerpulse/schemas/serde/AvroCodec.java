package io.dealerpulse.schemas.serde;

import io.dealerpulse.schemas.serde.UndecodableRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte little-endian CRC-64-AVRO
 * fingerprint, then the binary body. The fingerprint lets a reader resolve any writer version its
 * {@link SchemaCatalog} knows into the current generated class.
 *
 * <p>Thread-safe. Fingerprints, datum writers and readers are cached per schema (pair): building
 * them per record cost 10-20x the encoding itself (BENCHMARKS.md); Avro's datum readers and
 * writers are safe to share between threads.
 */
public final class AvroCodec {
    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    static {
        TrustedAvroClasses.register();
    }

    private final SchemaCatalog catalog;
    private final Map<Schema, byte[]> headers = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, Map<Schema, SpecificDatumReader<SpecificRecord>>> readers = new ConcurrentHashMap<>();

    public AvroCodec(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** A codec over every schema released with this build. */
    public static AvroCodec released() {
        return new AvroCodec(ReleasedSchemaCatalog.instance());
    }

    public byte[] encode(SpecificRecord record) {
        return encode(record, record.getSchema());
    }

    /** Encodes with an explicit writer schema (e.g. an older released version in compatibility tests). */
    public byte[] encode(Object record, Schema writerSchema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(headers.computeIfAbsent(writerSchema, AvroCodec::header));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(writerSchema, w -> new SpecificDatumWriter<>(w, SpecificData.getForSchema(w)))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory Avro encoding failed", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record does not match schema " + writerSchema.getFullName()
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Decodes into the current generated class of whatever type the bytes carry. */
    public SpecificRecord decode(byte[] bytes) throws UndecodableRecordException {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new UndecodableRecordException(Reason.NOT_SINGLE_OBJECT,
                    "not Avro single-object encoding (expected C3 01 + 8-byte fingerprint), got "
                            + describe(bytes));
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = catalog.writerSchema(fingerprint).orElseThrow(() -> new UndecodableRecordException(
                Reason.UNKNOWN_SCHEMA,
                "unknown writer schema fingerprint " + Long.toHexString(fingerprint)
                        + ": written by a newer or foreign producer; upgrade this reader or fix the producer"));
        Schema reader = catalog.readerSchema(writer.getFullName()).orElseThrow(() -> new UndecodableRecordException(
                Reason.UNKNOWN_SCHEMA, "no reader schema for " + writer.getFullName()));
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
            SpecificDatumReader<SpecificRecord> datumReader = readers
                    .computeIfAbsent(writer, w -> new ConcurrentHashMap<>())
                    .computeIfAbsent(reader, r -> new SpecificDatumReader<>(writer, r, SpecificData.getForSchema(r)));
            SpecificRecord record = datumReader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableRecordException(Reason.CORRUPT_AVRO,
                        "trailing bytes after a " + writer.getName() + " record");
            }
            return record;
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(Reason.CORRUPT_AVRO,
                    "corrupt " + writer.getName() + " body: " + e, e);
        }
    }

    /** Decodes and checks that the record is of the expected class. */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> expected) throws UndecodableRecordException {
        SpecificRecord record = decode(bytes);
        if (!expected.isInstance(record)) {
            throw new UndecodableRecordException(Reason.UNEXPECTED_TYPE,
                    "expected " + expected.getSimpleName() + " but got " + record.getSchema().getName());
        }
        return expected.cast(record);
    }

    private static byte[] header(Schema writerSchema) {
        return ByteBuffer.allocate(HEADER_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0)
                .put(MARKER_1)
                .putLong(ReleasedSchemaCatalog.fingerprint(writerSchema))
                .array();
    }

    private static String describe(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        int shown = Math.min(bytes.length, 12);
        return bytes.length + " bytes starting " + HexFormat.of().formatHex(bytes, 0, shown);
    }
}
