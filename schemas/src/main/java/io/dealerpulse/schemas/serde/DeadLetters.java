package io.dealerpulse.schemas.serde;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.EventIds;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds dead-letter records for inputs that could not be decoded from Kafka. */
public final class DeadLetters {
    private DeadLetters() {}

    /**
     * A record the jobs read from {@code topic}/{@code partition}/{@code offset} but could not decode.
     * The id depends only on the record's coordinates, so re-reading it after a restart yields the same id.
     */
    public static DeadLetter undecodable(String stream, String topic, int partition, long offset, byte[] payload,
            UndecodableRecordException error, Instant now) {
        String source = "kafka:" + topic + "/" + partition + "/" + offset;
        return DeadLetter.newBuilder()
                .setEventId(EventIds.of(source))
                .setSource(source)
                .setStream(stream)
                .setReason(error.reason().name())
                .setDetail(error.getMessage())
                .setPayload(ByteBuffer.wrap(payload == null ? new byte[0] : payload))
                .setPayloadRedacted(false)
                .setKafkaTopic(topic)
                .setKafkaPartition(partition)
                .setKafkaOffset(offset)
                .setReceivedTime(now)
                .setDeadLetteredTime(now)
                .build();
    }

    /**
     * A decodable record the jobs refuse ({@code reason}, e.g. {@code FOREIGN_SITE}) with its raw bytes.
     * Like {@link #undecodable}, the id depends only on the record's coordinates.
     */
    public static DeadLetter rejected(String stream, String reason, String siteId, String detail, String topic,
            int partition, long offset, byte[] payload, Instant now) {
        String source = "kafka:" + topic + "/" + partition + "/" + offset;
        return DeadLetter.newBuilder()
                .setEventId(EventIds.of(source))
                .setSiteId(siteId)
                .setSource(source)
                .setStream(stream)
                .setReason(reason)
                .setDetail(detail)
                .setPayload(ByteBuffer.wrap(payload == null ? new byte[0] : payload))
                .setPayloadRedacted(false)
                .setKafkaTopic(topic)
                .setKafkaPartition(partition)
                .setKafkaOffset(offset)
                .setReceivedTime(now)
                .setDeadLetteredTime(now)
                .build();
    }
}
