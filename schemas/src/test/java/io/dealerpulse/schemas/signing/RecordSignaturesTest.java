package io.dealerpulse.schemas.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.SampleEvents;
import io.dealerpulse.schemas.flink.SignatureVerifyingDeserializationSchema;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSignaturesTest {
    static final String PARIS_KEY = "paris-key-0123456789abcdef";
    static final String LYON_KEY = "lyon-key-0123456789abcdef";
    static final String KEYRING = "FR-PAR-001 = " + PARIS_KEY + "\nFR-LYON-01=" + LYON_KEY + "\n";

    final FootfallEvent paris = SampleEvents.footfall();
    final byte[] value = AvroCodec.released().encode(paris);

    @TempDir
    Path dir;

    @Test
    void aSiteSignatureVerifiesWithThatSitesKeyOnly() {
        byte[] signature = new RecordSigner(paris.getSiteId(), PARIS_KEY).sign(paris.getEventId(), value);
        SiteKeyring keyring = SiteKeyring.parse(KEYRING);

        assertThat(signature).hasSize(32);
        assertThat(keyring.check(paris.getSiteId(), signature, paris.getSiteId(), paris.getEventId(), value))
                .isEqualTo(SignatureCheck.VALID);
        byte[] lyonSigned = new RecordSigner(paris.getSiteId(), LYON_KEY).sign(paris.getEventId(), value);
        assertThat(keyring.check(paris.getSiteId(), lyonSigned, paris.getSiteId(), paris.getEventId(), value))
                .isEqualTo(SignatureCheck.BAD_SIGNATURE);
        assertThat(keyring.check("FR-LYON-01", signature, paris.getSiteId(), paris.getEventId(), value))
                .isEqualTo(SignatureCheck.SITE_MISMATCH);
        assertThat(keyring.check(null, null, paris.getSiteId(), paris.getEventId(), value))
                .isEqualTo(SignatureCheck.MISSING);
        assertThat(SiteKeyring.parse("FR-LYON-01=" + LYON_KEY)
                .check(paris.getSiteId(), signature, paris.getSiteId(), paris.getEventId(), value))
                .isEqualTo(SignatureCheck.UNKNOWN_SITE);
    }

    @Test
    void theSignatureCoversEventIdAndEveryValueByte() {
        byte[] signature = new RecordSigner(paris.getSiteId(), PARIS_KEY).sign(paris.getEventId(), value);
        SiteKeyring keyring = SiteKeyring.parse(KEYRING);
        byte[] altered = value.clone();
        altered[altered.length - 1] ^= 1;

        assertThat(keyring.check(paris.getSiteId(), signature, paris.getSiteId(), paris.getEventId(), altered))
                .isEqualTo(SignatureCheck.BAD_SIGNATURE);
        assertThat(keyring.check(paris.getSiteId(), signature, paris.getSiteId(), "another-event", value))
                .isEqualTo(SignatureCheck.BAD_SIGNATURE);
    }

    @Test
    void aRotatedSiteAcceptsBothKeysUntilTheOldOneIsRemoved() {
        String newKey = "paris-new-key-0123456789abcdef";
        SiteKeyring keyring = SiteKeyring.parse("FR-PAR-001=" + PARIS_KEY + " " + newKey);
        for (String key : List.of(PARIS_KEY, newKey)) {
            byte[] signature = new RecordSigner(paris.getSiteId(), key).sign(paris.getEventId(), value);
            assertThat(keyring.check(paris.getSiteId(), signature, paris.getSiteId(), paris.getEventId(), value))
                    .isEqualTo(SignatureCheck.VALID);
        }
    }

    @Test
    void shortKeysAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> SiteKeyring.parse("FR-PAR-001=short-secret"))
                .hasMessageContaining("FR-PAR-001").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new RecordSigner("FR-PAR-001", "short-secret"))
                .hasMessageNotContaining("short-secret");
        assertThat(SiteKeyring.parse(KEYRING).toString()).doesNotContain(PARIS_KEY);
        assertThat(new RecordSigner("FR-PAR-001", PARIS_KEY).toString()).doesNotContain(PARIS_KEY);
    }

    @Test
    void theVerifyingSchemaDeadLettersForeignAndUnsignedRecordsWithTheirRawBytes() throws Exception {
        Path keyring = Files.writeString(dir.resolve("site-keys.properties"), KEYRING);
        SignatureVerifyingDeserializationSchema<FootfallEvent> required =
                SignatureVerifyingDeserializationSchema.of(FootfallEvent.class, "footfall", keyring, true);
        SignatureVerifyingDeserializationSchema<FootfallEvent> migrating =
                SignatureVerifyingDeserializationSchema.of(FootfallEvent.class, "footfall", keyring, false);

        ConsumerRecord<byte[], byte[]> good = record(0, paris.getSiteId(), PARIS_KEY);
        ConsumerRecord<byte[], byte[]> lyonKey = record(1, "FR-PAR-001", LYON_KEY);
        ConsumerRecord<byte[], byte[]> unsigned = record(2, null, null);

        assertThat(deserialize(required, good).isLeft()).isTrue();
        DeadLetter foreign = deserialize(required, lyonKey).right();
        assertThat(foreign.getReason()).isEqualTo("FOREIGN_SITE");
        assertThat(foreign.getSiteId()).isEqualTo(paris.getSiteId());
        assertThat(foreign.getKafkaOffset()).isEqualTo(1L);
        assertThat(foreign.getPayload().array()).isEqualTo(value);
        assertThat(foreign.getDetail()).doesNotContain(PARIS_KEY).doesNotContain(LYON_KEY);
        assertThat(deserialize(required, unsigned).right().getReason()).isEqualTo("FOREIGN_SITE");

        assertThat(deserialize(migrating, unsigned).isLeft()).as("unsigned passes while signatures are optional").isTrue();
        assertThat(deserialize(migrating, lyonKey).isRight()).as("a present signature is always checked").isTrue();
        assertThat(deserialize(required, record(3, "FR-PAR-001", null, "garbage".getBytes(StandardCharsets.UTF_8)))
                .right().getReason()).as("undecodable stays undecodable").isEqualTo("NOT_SINGLE_OBJECT");
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, String site, String key) {
        return record(offset, site, key, value);
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, String site, String key, byte[] bytes) {
        RecordHeaders headers = new RecordHeaders();
        if (site != null) {
            headers.add(RecordSignatures.SITE_HEADER, site.getBytes(StandardCharsets.UTF_8));
        }
        if (key != null) {
            headers.add(RecordSignatures.SIGNATURE_HEADER, new RecordSigner(site, key).sign(paris.getEventId(), bytes));
        }
        return new ConsumerRecord<>("footfall", 0, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                -1, bytes.length, null, bytes, headers, java.util.Optional.empty());
    }

    private static Either<FootfallEvent, DeadLetter> deserialize(
            SignatureVerifyingDeserializationSchema<FootfallEvent> schema, ConsumerRecord<byte[], byte[]> record)
            throws Exception {
        List<Either<FootfallEvent, DeadLetter>> out = new ArrayList<>();
        schema.deserialize(record, new Collector<>() {
            @Override
            public void collect(Either<FootfallEvent, DeadLetter> value) {
                out.add(value);
            }

            @Override
            public void close() {}
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
