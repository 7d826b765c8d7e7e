package io.dealerpulse.agent.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Milesight VS12x periodic reports ({@code ../shared/formats/README.md} §2). Counts come from
 * {@code line_periodic_data[].total.in/out}, which are already per-interval deltas, so no counter
 * state is needed ({@code line_total_data} is ignored). Times are device-local with an offset and are
 * converted to UTC, which is what makes DST changes harmless: 01:59+02:00 and 01:00+01:00 are
 * different instants even though the local hours repeat.
 *
 * <p>One event per line and direction with a non-zero count; event time = interval start; the
 * device-clock check uses the interval end (the device's "now" when it reported). Event id:
 * hash(site, device_sn, line_uuid, UTC start_time, direction). Lines missing from the device list are
 * forwarded with {@code reception_door = false}.
 */
public final class MilesightVs12xDecoder implements DeviceDecoder {
    public static final String FORMAT = "milesight-vs12x";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String stream() {
        return "footfall";
    }

    @Override
    public Decoded decode(DeviceMessage message, DecodeContext context) throws PayloadException {
        JsonNode root = JsonPayload.parse(message.payload());
        String serial = JsonPayload.text(root, "device_info.device_sn");
        try {
            AgentConfig.Device device = context.device(serial).orElseThrow(() -> new PayloadException(
                    RejectReason.UNKNOWN_DEVICE, "Milesight device_sn '" + serial + "' is not in this agent's device"
                    + " list: add it under devices (format " + FORMAT + ")"));
            Instant start = JsonPayload.instant(root, "time_info.start_time");
            Instant end = JsonPayload.instant(root, "time_info.end_time");
            if (end.isBefore(start)) {
                throw new PayloadException(RejectReason.OUT_OF_RANGE, "time_info.end_time " + end
                        + " is before start_time " + start, serial, start);
            }
            JsonNode lines = JsonPayload.required(root, "line_periodic_data");
            if (!lines.isArray()) {
                throw new PayloadException(RejectReason.WRONG_TYPE, "line_periodic_data must be a list");
            }
            DeviceTimeRule.Resolved time = context.timeRule().resolve(start, end, message.receivedTime(), serial);
            List<FootfallEvent> events = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String prefix = "line_periodic_data." + i;
                String uuid = JsonPayload.text(root, prefix + ".line_uuid");
                long in = JsonPayload.count(root, prefix + ".total.in", context.maxCount());
                long out = JsonPayload.count(root, prefix + ".total.out", context.maxCount());
                boolean door = device.line(uuid).map(AgentConfig.Line::receptionDoor).orElse(false);
                addEvent(events, context, message, serial, uuid, door, Direction.IN, in, start, end, time);
                addEvent(events, context, message, serial, uuid, door, Direction.OUT, out, start, end, time);
            }
            return events.isEmpty() ? Decoded.ignored("report with no people counted") : Decoded.events(events);
        } catch (PayloadException e) {
            throw e.withDevice(serial);
        }
    }

    private static void addEvent(List<FootfallEvent> events, DecodeContext context, DeviceMessage message,
            String serial, String uuid, boolean door, Direction direction, long count, Instant start, Instant end,
            DeviceTimeRule.Resolved time) {
        if (count == 0) {
            return;
        }
        events.add(IntervalFootfall.of(context, message, serial, uuid, door, direction, count, start, end, time,
                CounterFormat.MILESIGHT_VS12X));
    }
}
