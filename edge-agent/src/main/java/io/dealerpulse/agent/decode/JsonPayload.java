package io.dealerpulse.agent.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of JSON device payloads that fail with a {@link PayloadException} naming the field, so
 * each decoder states its format once and every bad value gets a precise reason.
 */
public final class JsonPayload {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonPayload() {}

    public static JsonNode parse(byte[] payload) throws PayloadException {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new PayloadException(RejectReason.MALFORMED_JSON, "payload is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Only the position: Jackson's message can quote the offending token, which may be personal data.
            String where = e.getLocation() == null ? "" : " (error at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
            throw new PayloadException(RejectReason.MALFORMED_JSON, "payload of " + payload.length
                    + " bytes is not valid JSON" + where + ": fix the device's message format");
        } catch (IOException e) {
            throw new PayloadException(RejectReason.MALFORMED_JSON, "payload cannot be read: " + e.getMessage());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode required(JsonNode parent, String path) throws PayloadException {
        JsonNode node = parent.at(pointer(path));
        if (node.isMissingNode() || node.isNull()) {
            throw new PayloadException(RejectReason.MISSING_FIELD, "required field '" + path + "' is missing");
        }
        return node;
    }

    public static String text(JsonNode parent, String path) throws PayloadException {
        JsonNode node = required(parent, path);
        if (!node.isTextual() && !node.isNumber()) {
            throw new PayloadException(RejectReason.WRONG_TYPE, "field '" + path + "' must be a string, got "
                    + node.getNodeType());
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            throw new PayloadException(RejectReason.MISSING_FIELD, "field '" + path + "' is empty");
        }
        return value;
    }

    public static String optionalText(JsonNode parent, String path) throws PayloadException {
        JsonNode node = parent.at(pointer(path));
        return node.isMissingNode() || node.isNull() ? null : text(parent, path);
    }

    /**
     * A count in [0, max]. Accepts a JSON number or a string of digits (AXIS sends every value as a
     * string); fractions, negatives and values above {@code max} are rejected.
     */
    public static long count(JsonNode parent, String path, long max) throws PayloadException {
        JsonNode node = required(parent, path);
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.asText().strip());
        } else {
            throw new PayloadException(RejectReason.WRONG_TYPE, "field '" + path + "' must be a whole number, got "
                    + describe(node));
        }
        if (value < 0 || value > max) {
            throw new PayloadException(RejectReason.OUT_OF_RANGE, "field '" + path + "' = " + value
                    + " is outside 0.." + max);
        }
        return value;
    }

    /** An ISO-8601 instant with an offset or Z, e.g. {@code 2025-11-24T09:14:00+01:00}. */
    public static Instant instant(JsonNode parent, String path) throws PayloadException {
        String text = text(parent, path);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new PayloadException(RejectReason.WRONG_TYPE, "field '" + path + "' must be an ISO-8601 time"
                    + " with an offset (e.g. 2025-11-24T09:14:00+01:00), got '" + text + "'");
        }
    }

    /** Epoch milliseconds as a number or numeric string. */
    public static Instant epochMillis(JsonNode parent, String path) throws PayloadException {
        return Instant.ofEpochMilli(count(parent, path, Long.MAX_VALUE / 2));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String pointer(String path) {
        return "/" + path.replace('.', '/');
    }
}
