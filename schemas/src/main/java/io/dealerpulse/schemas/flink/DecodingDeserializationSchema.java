package io.dealerpulse.schemas.flink;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.DeadLetters;
import io.dealerpulse.schemas.serde.UndecodableRecordException;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka deserialization schema for every DealerPulse topic. The source reads raw bytes and
 * decoding happens here, so a corrupt record or an unknown writer schema becomes a
 * {@link Either#Right right} {@link DeadLetter} naming topic, partition and offset — it never fails
 * the job or blocks the partition. Good records are {@link Either#Left left}. The dead letter's times are
 * the Kafka record's timestamp, so a replay produces the same dead letter.
 *
 * <pre>{@code
 * KafkaSource<Either<FootfallEvent, DeadLetter>> source = KafkaSource.<Either<FootfallEvent, DeadLetter>>builder()
 *     .setTopics(Topic.FOOTFALL.topicName())
 *     .setDeserializer(DecodingDeserializationSchema.of(FootfallEvent.class, "footfall"))
 *     ...
 * }</pre>
 */
public final class DecodingDeserializationSchema<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<Either<T, DeadLetter>> {

    private final Class<T> recordClass;
    private final String stream;
    private transient AvroCodec codec;

    private DecodingDeserializationSchema(Class<T> recordClass, String stream) {
        this.recordClass = recordClass;
        this.stream = stream;
    }

    public static <T extends SpecificRecordBase> DecodingDeserializationSchema<T> of(Class<T> recordClass, String stream) {
        return new DecodingDeserializationSchema<>(recordClass, stream);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<T, DeadLetter>> out) {
        if (codec == null) {
            codec = AvroCodec.released();
        }
        try {
            out.collect(Either.Left(codec.decode(record.value(), recordClass)));
        } catch (UndecodableRecordException e) {
            out.collect(Either.Right(DeadLetters.undecodable(stream, record.topic(), record.partition(),
                    record.offset(), record.value(), e, Instant.ofEpochMilli(record.timestamp()))));
        }
    }

    @Override
    public TypeInformation<Either<T, DeadLetter>> getProducedType() {
        return new EitherTypeInfo<>(new AvroTypeInfo<>(recordClass), new AvroTypeInfo<>(DeadLetter.class));
    }
}
