package io.dealerpulse.importer.rows;

import io.dealerpulse.importer.read.SourceRow;
import java.nio.charset.StandardCharsets;

/** Validates one row of a stream and turns it into its Avro record. Pure: no I/O, no clock. */
public interface RowMapper {

    MappedRow map(SourceRow row) throws RowRejection;

    /** The site id a row claims, for the dead letter; null when it has none. */
    default String claimedSite(SourceRow row) {
        return row.value("site_id");
    }

    /** What a rejected row's dead letter carries: the raw row, unless the stream holds personal data. */
    default DeadLetterPayload deadLetterPayload(SourceRow row) {
        return new DeadLetterPayload(row.raw().getBytes(StandardCharsets.UTF_8), false);
    }

    /** A dead letter's payload and whether it is a redacted form of the row. */
    record DeadLetterPayload(byte[] bytes, boolean redacted) {}
}
