package io.dealerpulse.schemas.kafka;

import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.UndecodableRecordException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for every DealerPulse record. Undecodable bytes raise a
 * {@link SerializationException} naming the topic and the reason; consumers that must never stall
 * (the jobs) read raw bytes and use {@link AvroCodec} directly instead.
 */
public final class AvroDeserializer implements Deserializer<SpecificRecord> {
    private final AvroCodec codec;

    public AvroDeserializer() {
        this(AvroCodec.released());
    }

    public AvroDeserializer(AvroCodec codec) {
        this.codec = codec;
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return codec.decode(data);
        } catch (UndecodableRecordException e) {
            throw new SerializationException("undecodable record on " + topic + " (" + e.reason() + "): "
                    + e.getMessage(), e);
        }
    }
}
