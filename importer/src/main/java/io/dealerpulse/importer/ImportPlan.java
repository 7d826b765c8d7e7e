package io.dealerpulse.importer;

import io.dealerpulse.importer.rows.MappedRow;
import io.dealerpulse.importer.rows.RejectReason;
import io.dealerpulse.importer.rows.RowMapper.DeadLetterPayload;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every row of a file, in file order, either accepted as a record or rejected with a reason. */
public record ImportPlan(List<Outcome> outcomes) {

    public ImportPlan {
        outcomes = List.copyOf(outcomes);
    }

    /** What became of one row. */
    public sealed interface Outcome permits Accepted, Rejected {
        int line();
    }

    public record Accepted(int line, MappedRow row) implements Outcome {}

    /** A rejected row; {@code siteId} is the site it claims (may be null), {@code payload} its dead letter's. */
    public record Rejected(int line, RejectReason reason, String detail, String siteId, DeadLetterPayload payload)
            implements Outcome {}

    public int rowsRead() {
        return outcomes.size();
    }

    public List<Accepted> accepted() {
        return outcomes.stream().filter(Accepted.class::isInstance).map(Accepted.class::cast).toList();
    }

    public List<Rejected> rejected() {
        return outcomes.stream().filter(Rejected.class::isInstance).map(Rejected.class::cast).toList();
    }

    /** Rejected row counts per reason, in the reasons' declaration order. */
    public Map<RejectReason, Integer> rejectedByReason() {
        Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
        rejected().forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }
}
