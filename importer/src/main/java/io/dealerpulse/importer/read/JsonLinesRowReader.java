package io.dealerpulse.importer.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one JSON object per line, keys are the column names. Numbers and booleans are read as
 * their text; JSON null is an absent value; nested objects and arrays are kept as JSON text (the
 * columns we read are all flat, so such a value is rejected by the row's validation).
 */
public final class JsonLinesRowReader implements RowReader {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public List<SourceRow> read(BufferedReader in) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            rows.add(row(lineNumber, line));
        }
        return rows;
    }

    private SourceRow row(int lineNumber, String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return SourceRow.malformed(lineNumber, line, "not valid JSON (" + e.getOriginalMessage()
                    + "): write one JSON object per line");
        }
        if (node == null || !node.isObject()) {
            return SourceRow.malformed(lineNumber, line, "not a JSON object: write one object per line");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                fields.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        });
        return SourceRow.of(lineNumber, fields, line);
    }
}
