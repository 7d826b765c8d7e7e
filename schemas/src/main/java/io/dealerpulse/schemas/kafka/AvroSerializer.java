package io.dealerpulse.schemas.kafka;

import io.dealerpulse.schemas.serde.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every DealerPulse record: Avro single-object encoding. */
public final class AvroSerializer implements Serializer<SpecificRecord> {
    private final AvroCodec codec;

    public AvroSerializer() {
        this(AvroCodec.released());
    }

    public AvroSerializer(AvroCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord record) {
        return record == null ? null : codec.encode(record);
    }
}
