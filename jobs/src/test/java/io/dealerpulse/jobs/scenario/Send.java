package io.dealerpulse.jobs.scenario;

import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka record of a scenario: topic, key, and either an event or corrupt bytes. {@code sendTime}
 * is when the site's agent (or the importer) would publish it; a scenario's sends are in that order.
 */
public record Send(Topic topic, String key, SpecificRecord record, byte[] corruptValue, Instant sendTime) {
    public static Send of(Topic topic, String key, SpecificRecord record, Instant sendTime) {
        return new Send(topic, key, record, null, sendTime);
    }

    public static Send corrupt(Topic topic, String key, byte[] value, Instant sendTime) {
        return new Send(topic, key, null, value, sendTime);
    }

    public boolean corrupt() {
        return record == null;
    }

    /** The bytes to publish: Avro single-object encoding, or the corrupt bytes as they are. */
    public byte[] value(AvroCodec codec) {
        return corrupt() ? corruptValue.clone() : codec.encode(record);
    }

    /** How the job sees this record once read. */
    public Arrival arrival() {
        return corrupt() ? Arrival.undecodable(streamOf(topic)) : Arrival.of(record);
    }

    public static InputStream streamOf(Topic topic) {
        return switch (topic) {
            case FOOTFALL -> InputStream.FOOTFALL;
            case KIOSK -> InputStream.KIOSK;
            case APPOINTMENTS -> InputStream.APPOINTMENT;
            case SURVEYS -> InputStream.SURVEY;
            case SITE_REGISTRY -> InputStream.REGISTRY;
            case AGENT_STATUS -> InputStream.AGENT_STATUS;
            default -> throw new IllegalArgumentException(topic + " is not an input topic");
        };
    }
}
