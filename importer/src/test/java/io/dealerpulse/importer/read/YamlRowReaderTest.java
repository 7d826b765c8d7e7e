package io.dealerpulse.importer.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlRowReaderTest {

    private static List<SourceRow> read(String text) throws Exception {
        return new YamlRowReader().read(new BufferedReader(new StringReader(text)));
    }

    @Test
    void sitesUnderAKey_flattenHoursAndExceptions_intoTheCsvSyntax() throws Exception {
        List<SourceRow> rows = read("""
                # comment
                sites:
                  - site_id: FR-1
                    target_min: 2.0
                    opening_hours:
                      mon-fri: [08:00-12:00, 13:30-18:30]
                      sat: 08:30-12:30
                    exceptions:
                      - date: 2025-12-24
                        hours: 08:00-12:00
                        reason: Veille de Noël
                      - date: 2025-12-25
                  - site_id: FR-2
                """);

        assertThat(rows).extracting(SourceRow::line).containsExactly(3, 13);
        SourceRow first = rows.get(0);
        assertThat(first.value("site_id")).isEqualTo("FR-1");
        assertThat(first.value("target_min")).isEqualTo("2.0");
        assertThat(first.value("opening_hours")).isEqualTo("mon-fri=08:00-12:00,13:30-18:30;sat=08:30-12:30");
        assertThat(first.value("exceptions")).isEqualTo("2025-12-24=08:00-12:00|Veille de Noël;2025-12-25=closed");
        assertThat(first.raw()).startsWith("{\"site_id\":\"FR-1\"");
    }

    @Test
    void aTopLevelList_isRead_andAScalarItemIsMalformed() throws Exception {
        List<SourceRow> rows = read("- site_id: FR-1\n- just text\n");

        assertThat(rows.get(0).value("site_id")).isEqualTo("FR-1");
        assertThat(rows.get(1).isMalformed()).isTrue();
        assertThat(rows.get(1).line()).isEqualTo(2);
    }

    @Test
    void aMappingWithoutAList_isRefused() {
        assertThatThrownBy(() -> read("site_id: FR-1\n")).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("no key holding a list");
    }
}
