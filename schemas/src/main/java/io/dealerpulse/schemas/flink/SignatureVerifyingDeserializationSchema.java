package io.dealerpulse.schemas.flink;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.serde.DeadLetters;
import io.dealerpulse.schemas.signing.RecordSignatures;
import io.dealerpulse.schemas.signing.SignatureCheck;
import io.dealerpulse.schemas.signing.SiteKeyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * {@link DecodingDeserializationSchema} plus the agents' record signatures (see
 * {@link RecordSignatures}): a decoded record whose signature does not verify with its own site's key
 * becomes a {@code FOREIGN_SITE} dead letter carrying the raw bytes, so one site's agent cannot publish
 * for another. With {@code requireSignatures} off (the migration mode) an unsigned record passes and a
 * signed one is still verified; with it on an unsigned record is dead-lettered too.
 *
 * <p>The keyring is read from {@code keyringFile} when the task starts, on the task manager: the keys
 * never travel in the job graph, the Flink UI or the job's logs.
 */
public final class SignatureVerifyingDeserializationSchema<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<Either<T, DeadLetter>> {
    /** The dead-letter reason of a record another site's agent (or no agent) published. */
    public static final String FOREIGN_SITE = "FOREIGN_SITE";

    private final DecodingDeserializationSchema<T> decoding;
    private final String stream;
    private final String keyringFile;
    private final boolean requireSignatures;
    private transient SiteKeyring keyring;

    private SignatureVerifyingDeserializationSchema(Class<T> recordClass, String stream, Path keyringFile,
            boolean requireSignatures) {
        this.decoding = DecodingDeserializationSchema.of(recordClass, stream);
        this.stream = stream;
        this.keyringFile = keyringFile.toString();
        this.requireSignatures = requireSignatures;
    }

    public static <T extends SpecificRecordBase> SignatureVerifyingDeserializationSchema<T> of(Class<T> recordClass,
            String stream, Path keyringFile, boolean requireSignatures) {
        return new SignatureVerifyingDeserializationSchema<>(recordClass, stream, keyringFile, requireSignatures);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        decoding.open(context);
        keyring = SiteKeyring.read(Path.of(keyringFile));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<T, DeadLetter>> out)
            throws java.io.IOException {
        if (keyring == null) {
            keyring = SiteKeyring.read(Path.of(keyringFile));
        }
        decoding.deserialize(record, new Collector<>() {
            @Override
            public void collect(Either<T, DeadLetter> decoded) {
                out.collect(decoded.isLeft() ? verified(record, decoded.left()) : decoded);
            }

            @Override
            public void close() {}
        });
    }

    private Either<T, DeadLetter> verified(ConsumerRecord<byte[], byte[]> record, T decoded) {
        byte[] signature = header(record, RecordSignatures.SIGNATURE_HEADER);
        if (signature == null && !requireSignatures) {
            return Either.Left(decoded);
        }
        byte[] site = header(record, RecordSignatures.SITE_HEADER);
        String siteId = String.valueOf(decoded.get("site_id"));
        String eventId = String.valueOf(decoded.get("event_id"));
        SignatureCheck check = keyring.check(site == null ? null : new String(site, StandardCharsets.UTF_8),
                signature, siteId, eventId, record.value());
        if (check == SignatureCheck.VALID) {
            return Either.Left(decoded);
        }
        return Either.Right(DeadLetters.rejected(stream, FOREIGN_SITE, siteId, check.explanation(siteId),
                record.topic(), record.partition(), record.offset(), record.value(),
                Instant.ofEpochMilli(record.timestamp())));
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    @Override
    public TypeInformation<Either<T, DeadLetter>> getProducedType() {
        return decoding.getProducedType();
    }
}
