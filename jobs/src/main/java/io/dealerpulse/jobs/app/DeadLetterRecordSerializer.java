package io.dealerpulse.jobs.app;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A dead letter (or too-late event) as a Kafka record: key = site id (null when the input named no
 * site), value = Avro single-object encoding, like every DealerPulse topic.
 */
final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient AvroCodec codec;

    DeadLetterRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        TrustedAvroClasses.register();
        codec = AvroCodec.released();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = AvroCodec.released();
        }
        byte[] key = deadLetter.getSiteId() == null ? null : deadLetter.getSiteId().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, timestamp, key, codec.encode(deadLetter));
    }
}
