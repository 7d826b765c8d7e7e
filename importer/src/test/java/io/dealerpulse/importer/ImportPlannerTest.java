package io.dealerpulse.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.importer.read.CsvRowReader;
import io.dealerpulse.importer.rows.RejectReason;
import io.dealerpulse.importer.rows.SurveyRowMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {
    private static final Instant IMPORTED_AT = Instant.parse("2025-03-12T08:00:00Z");

    @Test
    void everyRowGetsAnOutcome_inFileOrder_duplicatesPointToTheFirstLine() throws Exception {
        String csv = """
                response_id,site_id,channel,nps,satisfaction,visit_date
                R1,FR-1,PHONE,9,5,2025-03-10
                R2,FR-1,PHONE,12,5,2025-03-10
                R1,FR-1,EMAIL,3,1,2025-03-10
                R3,FR-2,"KIOSK,8,4,2025-03-10
                R4,FR-2,KIOSK,8,4,2025-03-10
                """;
        var rows = new CsvRowReader().read(new BufferedReader(new StringReader(csv)));

        ImportPlan plan = new ImportPlanner(new SurveyRowMapper("survey-tool", null, IMPORTED_AT)).plan(rows);

        assertThat(plan.rowsRead()).isEqualTo(5);
        assertThat(plan.accepted()).extracting(ImportPlan.Accepted::line).containsExactly(2, 6);
        assertThat(plan.rejected()).extracting(ImportPlan.Rejected::line, ImportPlan.Rejected::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, RejectReason.OUT_OF_RANGE),
                org.assertj.core.groups.Tuple.tuple(4, RejectReason.DUPLICATE_ROW),
                org.assertj.core.groups.Tuple.tuple(5, RejectReason.MALFORMED_ROW));
        assertThat(plan.rejected().get(1).detail()).startsWith("same keys as line 2 (event id ");
        assertThat(plan.rejected().get(1).siteId()).isEqualTo("FR-1");
        assertThat(plan.rejected().get(2).siteId()).isNull();
        assertThat(plan.rejectedByReason()).containsExactly(Map.entry(RejectReason.MALFORMED_ROW, 1),
                Map.entry(RejectReason.OUT_OF_RANGE, 1), Map.entry(RejectReason.DUPLICATE_ROW, 1));
    }
}
