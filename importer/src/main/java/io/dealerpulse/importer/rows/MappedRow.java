package io.dealerpulse.importer.rows;

import org.apache.avro.specific.SpecificRecord;

/** A valid row as the record to publish, its Kafka key and its stable event id (for duplicate detection). */
public record MappedRow(SpecificRecord record, String key, String eventId) {}
