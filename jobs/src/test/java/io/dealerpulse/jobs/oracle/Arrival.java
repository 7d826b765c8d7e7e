package io.dealerpulse.jobs.oracle;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record as the job reads it from Kafka: a decoded event, or (record == null) bytes that could
 * not be decoded. A list of arrivals is in per-site arrival order (Kafka keeps it: the key is the site).
 */
public record Arrival(InputStream stream, SpecificRecord record) {
    public Arrival {
        Objects.requireNonNull(stream, "stream");
        if (record != null && InputStream.of(record) != stream) {
            throw new IllegalArgumentException(record.getClass().getSimpleName() + " is not a " + stream.tag()
                    + " record");
        }
    }

    public static Arrival of(SpecificRecord record) {
        return new Arrival(InputStream.of(record), record);
    }

    public static Arrival undecodable(InputStream stream) {
        return new Arrival(stream, null);
    }

    public boolean decodable() {
        return record != null;
    }
}
