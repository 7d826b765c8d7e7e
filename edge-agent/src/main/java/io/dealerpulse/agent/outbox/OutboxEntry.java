package io.dealerpulse.agent.outbox;

import java.time.Instant;

/** A record waiting for Kafka: topic, key (the site id), event id (for logs) and the Avro-encoded value. */
public record OutboxEntry(String topic, String key, String eventId, byte[] value, Instant createdAt) {}
