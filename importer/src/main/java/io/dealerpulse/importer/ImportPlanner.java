package io.dealerpulse.importer;

import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.importer.rows.MappedRow;
import io.dealerpulse.importer.rows.RejectReason;
import io.dealerpulse.importer.rows.RowMapper;
import io.dealerpulse.importer.rows.RowRejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides each row's fate: malformed, invalid (the mapper's rejection), a duplicate of an earlier
 * row of the same file (same event id, hence the same keys: the first one wins, as in the jobs), or
 * accepted. Pure: no I/O.
 */
public final class ImportPlanner {
    private final RowMapper mapper;

    public ImportPlanner(RowMapper mapper) {
        this.mapper = mapper;
    }

    public ImportPlan plan(List<SourceRow> rows) {
        List<ImportPlan.Outcome> outcomes = new ArrayList<>(rows.size());
        Map<String, Integer> firstLineOfId = new HashMap<>();
        for (SourceRow row : rows) {
            if (row.isMalformed()) {
                outcomes.add(rejected(row, RejectReason.MALFORMED_ROW, row.malformed()));
                continue;
            }
            MappedRow mapped;
            try {
                mapped = mapper.map(row);
            } catch (RowRejection rejection) {
                outcomes.add(rejected(row, rejection.reason(), rejection.detail()));
                continue;
            }
            Integer firstLine = firstLineOfId.putIfAbsent(mapped.eventId(), row.line());
            if (firstLine != null) {
                outcomes.add(rejected(row, RejectReason.DUPLICATE_ROW, "same keys as line " + firstLine
                        + " (event id " + mapped.eventId() + "): the first row is kept; remove the repeated row"));
            } else {
                outcomes.add(new ImportPlan.Accepted(row.line(), mapped));
            }
        }
        return new ImportPlan(outcomes);
    }

    private ImportPlan.Rejected rejected(SourceRow row, RejectReason reason, String detail) {
        return new ImportPlan.Rejected(row.line(), reason, detail, mapper.claimedSite(row), mapper.deadLetterPayload(row));
    }
}
