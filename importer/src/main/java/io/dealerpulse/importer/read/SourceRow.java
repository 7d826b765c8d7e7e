package io.dealerpulse.importer.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an input file as text, before validation: its line number in the file (1-based, the
 * header being line 1 of a CSV file), its values by column name, and the raw text it was read from.
 * A row that could not even be split into values is {@linkplain #malformed() malformed}: it carries
 * the reason and no values, and is rejected as such.
 */
public record SourceRow(int line, Map<String, String> fields, String raw, String malformed) {

    public SourceRow {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static SourceRow of(int line, Map<String, String> fields, String raw) {
        return new SourceRow(line, fields, raw, null);
    }

    public static SourceRow malformed(int line, String raw, String why) {
        return new SourceRow(line, Map.of(), raw, why);
    }

    public boolean isMalformed() {
        return malformed != null;
    }

    /** The trimmed value of a column, or null when the column is absent or the value is blank. */
    public String value(String column) {
        String value = fields.get(column);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
