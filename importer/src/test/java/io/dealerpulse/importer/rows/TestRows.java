package io.dealerpulse.importer.rows;

import io.dealerpulse.importer.read.SourceRow;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows built from column/value pairs, as a reader would produce them. */
final class TestRows {
    private TestRows() {}

    static SourceRow row(Map<String, String> base, String... overrides) {
        Map<String, String> fields = new LinkedHashMap<>(base);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                fields.remove(overrides[i]);
            } else {
                fields.put(overrides[i], overrides[i + 1]);
            }
        }
        return SourceRow.of(7, fields, String.join(",", fields.values()));
    }
}
