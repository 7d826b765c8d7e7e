package io.dealerpulse.jobs.oracle.score;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** An event that reaches the KPI state, with its position in the site's arrival order. */
record UsedEvent(SpecificRecord record, Instant time, long seq) {
    /** Known as of T at the arrival horizon: event time ≤ T and arrived before the horizon. */
    boolean knownAt(Instant asOf, long horizon) {
        return !time.isAfter(asOf) && seq < horizon;
    }
}
