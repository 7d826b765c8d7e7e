package io.dealerpulse.simulator.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** JSON rendering shared by the device formats. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static byte[] bytes(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps and lists of plain values always serialise", e);
        }
    }

    /** Device-local time with its UTC offset, seconds precision, e.g. {@code 2025-11-24T09:14:00+01:00}. */
    static String local(Instant instant, ZoneId zone) {
        return OffsetDateTime.ofInstant(instant, zone).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
