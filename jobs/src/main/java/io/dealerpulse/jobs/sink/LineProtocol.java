package io.dealerpulse.jobs.sink;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link InfluxPoint} into one line of InfluxDB 1.x line protocol with a millisecond
 * timestamp (the sink writes with {@code precision=ms}).
 *
 * <p>Field types are explicit so one field never changes type between writes: integers carry the
 * {@code i} suffix, floats are written in plain decimal notation (always with a decimal point),
 * booleans as {@code true}/{@code false}, strings quoted. A point InfluxDB would reject or
 * misread (no field, NaN or infinite float, the same field key with two types, a newline in a name,
 * a null value) is refused here with the reason, before it reaches the server.
 *
 * <p>Tags with an empty value are left out: InfluxDB cannot store them and treats an empty tag as
 * an absent one, so the series is the same.
 */
public final class LineProtocol {
    private LineProtocol() {}

    /** @throws InvalidPointException with the reason when InfluxDB could not store the point as given */
    public static String toLine(InfluxPoint point) throws InvalidPointException {
        StringBuilder line = new StringBuilder(128);
        String measurement = point.getMeasurement();
        if (measurement == null || measurement.isEmpty()) {
            throw new InvalidPointException("the measurement is missing");
        }
        requireNoLineBreak("measurement", measurement);
        escape(line, measurement, false);

        for (Map.Entry<String, String> tag : point.getTags().entrySet()) {
            String value = tag.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            requireName("tag key", tag.getKey());
            requireNoLineBreak("value of tag " + tag.getKey(), value);
            line.append(',');
            escape(line, tag.getKey(), true);
            line.append('=');
            escape(line, value, true);
        }

        FieldWriter fields = new FieldWriter(line);
        for (Map.Entry<String, Long> field : point.getLongFields().entrySet()) {
            fields.key(field.getKey(), field.getValue()).append(field.getValue()).append('i');
        }
        for (Map.Entry<String, Double> field : point.getDoubleFields().entrySet()) {
            Double value = field.getValue();
            fields.key(field.getKey(), value).append(formatFloat(field.getKey(), value));
        }
        for (Map.Entry<String, Boolean> field : point.getBooleanFields().entrySet()) {
            fields.key(field.getKey(), field.getValue()).append(field.getValue() ? "true" : "false");
        }
        for (Map.Entry<String, String> field : point.getStringFields().entrySet()) {
            StringBuilder out = fields.key(field.getKey(), field.getValue()).append('"');
            escapeString(out, field.getValue());
            out.append('"');
        }
        if (fields.count == 0) {
            throw new InvalidPointException("the point has no field; InfluxDB stores only points with at least one");
        }

        line.append(' ').append(point.getTimestampMillis());
        return line.toString();
    }

    /**
     * The InfluxQL statement that deletes a tombstone's point: {@code DELETE FROM "m" WHERE "tag"='v'
     * AND ... AND time = <ns>}. InfluxDB 1.x deletes by tags and an exact time (checked on influxd
     * 1.6.7), and deleting a point that is not there is no error, so a replay may delete again.
     * Empty tags are left out, as in {@link #toLine}: the condition then covers the series without them.
     */
    public static String deleteStatement(InfluxPoint tombstone) throws InvalidPointException {
        String measurement = tombstone.getMeasurement();
        if (measurement == null || measurement.isEmpty()) {
            throw new InvalidPointException("the measurement is missing");
        }
        StringBuilder statement = new StringBuilder(160).append("DELETE FROM ");
        quote(statement, measurement, '"');
        statement.append(" WHERE ");
        for (Map.Entry<String, String> tag : tombstone.getTags().entrySet()) {
            String value = tag.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            requireName("tag key", tag.getKey());
            quote(statement, tag.getKey(), '"');
            statement.append('=');
            quote(statement, value, '\'');
            statement.append(" AND ");
        }
        return statement.append("time = ").append(Math.multiplyExact(tombstone.getTimestampMillis(), 1_000_000L))
                .toString();
    }

    /** An InfluxQL identifier ("...") or string literal ('...'), escaping the quote and backslashes. */
    private static void quote(StringBuilder out, String text, char quote) {
        out.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append(quote);
    }

    /** Writes the field separator and key, checking the key is new in this point and the value present. */
    private static final class FieldWriter {
        private final StringBuilder line;
        private final Set<String> keys = new HashSet<>();
        private int count;

        FieldWriter(StringBuilder line) {
            this.line = line;
        }

        StringBuilder key(String key, Object value) throws InvalidPointException {
            requireName("field key", key);
            if (!keys.add(key)) {
                throw new InvalidPointException("field " + key + " is set with two types; give each field one type");
            }
            if (value == null) {
                throw new InvalidPointException("field " + key + " is null; write every field with a value"
                        + " (use a separate validity flag for an undefined value)");
            }
            line.append(count++ == 0 ? ' ' : ',');
            escape(line, key, true);
            return line.append('=');
        }
    }

    private static String formatFloat(String key, double value) throws InvalidPointException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new InvalidPointException("field " + key + " is " + value + "; InfluxDB cannot store NaN or infinity");
        }
        // Double.toString may use exponent notation (1.0E10); plain decimals are unambiguous.
        String text = Double.toString(value);
        if (text.indexOf('E') >= 0) {
            text = new BigDecimal(text).toPlainString();
        }
        // Keep a decimal point so the value reads as a float even to a human (2.0, not 2).
        return text.indexOf('.') >= 0 ? text : text + ".0";
    }

    private static void requireName(String what, String name) throws InvalidPointException {
        if (name == null || name.isEmpty()) {
            throw new InvalidPointException("a " + what + " is empty");
        }
        requireNoLineBreak(what, name);
    }

    private static void requireNoLineBreak(String what, String text) throws InvalidPointException {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new InvalidPointException(what + " '" + text.replace("\n", "\\n").replace("\r", "\\r")
                    + "' contains a line break, which line protocol cannot carry");
        }
    }

    /** Measurements escape commas and spaces; tag keys, tag values and field keys also '='. */
    private static void escape(StringBuilder out, String text, boolean escapeEquals) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || (escapeEquals && c == '=')) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** String field values escape double quotes and backslashes. */
    private static void escapeString(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
