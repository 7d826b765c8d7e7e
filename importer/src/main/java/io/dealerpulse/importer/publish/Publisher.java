package io.dealerpulse.importer.publish;

import io.dealerpulse.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where accepted records and dead letters go. Lifecycle: {@link #send} any number of records
 * (asynchronously, in order per key), then {@link #awaitAll} blocks until the destination has
 * acknowledged or definitively refused every one of them; only acknowledged records count as published.
 */
public interface Publisher extends AutoCloseable {

    void send(Topic topic, String key, SpecificRecord value);

    /** Waits for every record sent so far; never returns before each has succeeded or failed. */
    Acknowledgements awaitAll() throws InterruptedException;

    @Override
    void close();

    /** Outcome of the records sent so far; {@code firstError} is null when none failed. */
    record Acknowledgements(int acknowledged, int failed, String firstError) {}
}
