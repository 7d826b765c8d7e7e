package io.dealerpulse.schemas.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Finds the writer schema of a single-object-encoded message by its fingerprint.
 *
 * <p>The default implementation ({@link ReleasedSchemaCatalog}) knows every released schema
 * version shipped in this jar; a schema registry can be plugged in behind this interface later.
 */
public interface SchemaCatalog {

    /** The schema whose CRC-64-AVRO parsing fingerprint is {@code fingerprint}, if known. */
    Optional<Schema> writerSchema(long fingerprint);

    /** The schema this build reads and writes records of {@code fullName} with, if known. */
    Optional<Schema> readerSchema(String fullName);
}
