package io.dealerpulse.importer.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * YAML: a list of mappings, either at the top level or under a single key of the top mapping (e.g.
 * {@code sites:}). Each mapping is one row; its line number is the line of its first key.
 *
 * <p>Nested values are flattened into the same text syntax as the CSV columns, so one row mapper
 * serves every format: a list of scalars becomes {@code a,b}; a mapping of scalars or lists becomes
 * {@code key=a,b;key=c} (opening hours per weekday); a list of mappings with a {@code date} becomes
 * {@code date=hours|reason;...} (dated exceptions). Anything else is kept as JSON text and rejected by
 * validation. The raw payload of a row is its JSON form.
 */
public final class YamlRowReader implements RowReader {
    private final ObjectMapper mapper = new ObjectMapper(new YAMLFactory());

    @Override
    public List<SourceRow> read(BufferedReader in) throws IOException, FileFormatException {
        try (JsonParser parser = mapper.createParser(in)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new FileFormatException("the YAML file is empty: write a list of rows (e.g. under 'sites:')");
            }
            if (token == JsonToken.START_OBJECT) {
                moveToTheList(parser);
            } else if (token != JsonToken.START_ARRAY) {
                throw new FileFormatException("the YAML document must be a list of rows, or a mapping with one key"
                        + " holding that list (e.g. 'sites:')");
            }
            List<SourceRow> rows = new ArrayList<>();
            for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                if (node == null || !node.isObject()) {
                    rows.add(SourceRow.malformed(line, String.valueOf(node), "a list item is not a mapping of"
                            + " column: value"));
                } else {
                    rows.add(SourceRow.of(line, flatten(node), node.toString()));
                }
            }
            return rows;
        } catch (JsonProcessingException e) {
            throw new FileFormatException("not valid YAML: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr());
        }
    }

    private static void moveToTheList(JsonParser parser) throws IOException, FileFormatException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (parser.nextToken() == JsonToken.START_ARRAY) {
                return;
            }
            parser.skipChildren();
        }
        throw new FileFormatException("the YAML mapping has no key holding a list of rows: write e.g. 'sites:'"
                + " followed by '- site_id: ...' items");
    }

    private static Map<String, String> flatten(JsonNode row) {
        Map<String, String> fields = new LinkedHashMap<>();
        row.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                fields.put(field.getKey(), text(value));
            }
        });
        return fields;
    }

    /** The CSV-column syntax of a nested YAML value; see the class comment. */
    static String text(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && allScalars(value)) {
            return join(value, ",");
        }
        if (value.isObject()) {
            StringJoiner entries = new StringJoiner(";");
            boolean flat = true;
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                JsonNode v = entry.getValue();
                flat &= v.isValueNode() || (v.isArray() && allScalars(v));
                entries.add(entry.getKey() + "=" + (v.isArray() ? join(v, ",") : v.asText()));
            }
            return flat ? entries.toString() : value.toString();
        }
        if (value.isArray() && allDatedMappings(value)) {
            StringJoiner entries = new StringJoiner(";");
            for (JsonNode exception : value) {
                JsonNode hours = exception.path("hours");
                String text = exception.get("date").asText() + "="
                        + (hours.isMissingNode() || hours.isNull() ? "closed" : hours.isArray() ? join(hours, ",") : hours.asText());
                JsonNode reason = exception.path("reason");
                entries.add(reason.isValueNode() && !reason.isNull() ? text + "|" + reason.asText() : text);
            }
            return entries.toString();
        }
        return value.toString();
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDatedMappings(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.path("date").isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static String join(JsonNode array, String separator) {
        StringJoiner joined = new StringJoiner(separator);
        array.forEach(item -> joined.add(item.asText()));
        return joined.toString();
    }
}
