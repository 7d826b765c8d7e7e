package io.dealerpulse.importer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesRowReaderTest {

    private static List<SourceRow> read(String text) throws Exception {
        return new JsonLinesRowReader().read(new BufferedReader(new StringReader(text)));
    }

    @Test
    void numbersBecomeText_nullsAreAbsent_linesAreCounted() throws Exception {
        List<SourceRow> rows = read("{\"response_id\":\"R1\",\"nps\":9,\"satisfaction\":null}\n\n{\"response_id\":\"R2\"}\n");

        assertThat(rows).extracting(SourceRow::line).containsExactly(1, 3);
        assertThat(rows.get(0).fields()).containsExactly(Map.entry("response_id", "R1"), Map.entry("nps", "9"));
        assertThat(rows.get(0).raw()).isEqualTo("{\"response_id\":\"R1\",\"nps\":9,\"satisfaction\":null}");
    }

    @Test
    void invalidJson_andNonObjects_areMalformedRows() throws Exception {
        List<SourceRow> rows = read("{\"a\":1}\n{\"a\":\n[1,2]\n");

        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).malformed()).startsWith("not valid JSON");
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).malformed()).isEqualTo("not a JSON object: write one object per line");
    }
}
