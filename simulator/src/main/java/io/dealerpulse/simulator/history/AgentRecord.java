package io.dealerpulse.simulator.history;

import io.dealerpulse.schemas.topics.Topic;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** A record an edge agent would have sent to Kafka, with its topic, key (site id) and event time. */
public record AgentRecord(Topic topic, String key, SpecificRecord value, Instant eventTime) {}
