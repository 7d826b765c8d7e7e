package io.dealerpulse.jobs.it.score;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes dead letters (or too-late events) to a topic: key = site id (or "_unknown"), value = Avro. */
public final class DeadLetterToTopic implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient AvroCodec codec;

    public DeadLetterToTopic(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter element, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = AvroCodec.released();
        }
        String key = element.getSiteId() == null ? "_unknown" : element.getSiteId();
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), codec.encode(element));
    }
}
