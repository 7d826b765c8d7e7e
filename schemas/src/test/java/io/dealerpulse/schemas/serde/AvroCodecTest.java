package io.dealerpulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.schemas.SampleEvents;
import io.dealerpulse.schemas.serde.UndecodableRecordException.Reason;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private final AvroCodec codec = AvroCodec.released();

    @Test
    void everyEventType_roundTripsEqual() throws Exception {
        for (SpecificRecord record : SampleEvents.oneOfEach()) {
            assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
        }
    }

    @Test
    void encoding_isSingleObjectWithFingerprint() {
        FootfallEvent event = SampleEvents.footfall();
        byte[] bytes = codec.encode(event);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ReleasedSchemaCatalog.fingerprint(FootfallEvent.getClassSchema());
        for (int i = 0; i < 8; i++) {
            assertThat(bytes[2 + i]).isEqualTo((byte) (fingerprint >>> (8 * i)));
        }
    }

    @Test
    void unknownFingerprint_isUnknownSchema() {
        byte[] bytes = codec.encode(SampleEvents.footfall());
        bytes[5] ^= 0x5A;
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA));
    }

    @Test
    void truncatedBody_isCorrupt() {
        byte[] bytes = codec.encode(SampleEvents.footfall());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 20);
        assertThatThrownBy(() -> codec.decode(truncated))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_AVRO));
    }

    @Test
    void trailingGarbage_isCorrupt() {
        byte[] bytes = codec.encode(SampleEvents.kiosk());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> codec.decode(longer))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_AVRO));
    }

    @Test
    void plainJson_isNotSingleObject() {
        assertThatThrownBy(() -> codec.decode("{\"total\":\"418\"}".getBytes()))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT));
        assertThatThrownBy(() -> codec.decode(null))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT));
    }

    @Test
    void recordOfAnotherType_isUnexpectedType() {
        byte[] kiosk = codec.encode(SampleEvents.kiosk());
        assertThatThrownBy(() -> codec.decode(kiosk, FootfallEvent.class))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_TYPE));
    }

    @Test
    void typedDecode_returnsTheClass() throws Exception {
        KioskEvent kiosk = codec.decode(codec.encode(SampleEvents.kiosk()), KioskEvent.class);
        assertThat(kiosk.getVisitId()).isEqualTo("V-0001");
    }
}
