package io.dealerpulse.importer.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    private static List<SourceRow> read(String text) throws Exception {
        return new CsvRowReader().read(new BufferedReader(new StringReader(text)));
    }

    @Test
    void rowsCarryTheirFileLineNumber_blankLinesSkipped_quotedSeparatorsKept() throws Exception {
        List<SourceRow> rows = read("site_id,opening_hours\n"
                + "FR-1,\"mon=08:00-12:00,14:00-18:00;sat=08:00-12:00\"\n"
                + "\n"
                + "FR-2,  mon=09:00-17:00 \n");

        assertThat(rows).extracting(SourceRow::line).containsExactly(2, 4);
        assertThat(rows.get(0).fields()).containsExactly(
                Map.entry("site_id", "FR-1"), Map.entry("opening_hours", "mon=08:00-12:00,14:00-18:00;sat=08:00-12:00"));
        assertThat(rows.get(1).value("opening_hours")).isEqualTo("mon=09:00-17:00");
        assertThat(rows.get(1).raw()).isEqualTo("FR-2,  mon=09:00-17:00 ");
    }

    @Test
    void semicolonSeparatedFiles_andAByteOrderMark_areRead() throws Exception {
        List<SourceRow> rows = read("\uFEFFresponse_id;site_id;nps\nR1;FR-1;9\n");

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.fields())
                .containsExactly(Map.entry("response_id", "R1"), Map.entry("site_id", "FR-1"), Map.entry("nps", "9")));
    }

    @Test
    void aLineWithTooFewValues_isMalformed_withItsLine() throws Exception {
        List<SourceRow> rows = read("a,b,c\n1,2,3\n1,2\n");

        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).malformed()).isEqualTo("the line has 2 values but the header has 3 columns: quote values"
                + " that contain the separator");
        assertThat(rows.get(1).raw()).isEqualTo("1,2");
    }

    @Test
    void anUnclosedQuote_isMalformed_andDoesNotSwallowTheNextLine() throws Exception {
        List<SourceRow> rows = read("a,b\n1,\"open\n3,4\n");

        assertThat(rows.get(0).isMalformed()).isTrue();
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(1).fields()).containsExactly(Map.entry("a", "3"), Map.entry("b", "4"));
    }

    @Test
    void aHeaderNamingAColumnTwice_isRefused() {
        assertThatThrownBy(() -> read("site_id,site_id\n1,2\n"))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("the header names column 'site_id' twice: keep one");
    }

    @Test
    void anEmptyFile_isRefused() {
        assertThatThrownBy(() -> read("")).isInstanceOf(FileFormatException.class).hasMessageContaining("header");
    }
}
