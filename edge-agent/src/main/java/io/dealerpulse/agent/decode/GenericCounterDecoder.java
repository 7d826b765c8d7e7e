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
 * DealerPulse's generic counter format: one message per device, line and interval with the people
 * counted in that interval (deltas), documented in {@code docs/edge-agent.md}:
 * <pre>{@code
 * {"site_id":"FR-PARIS-01", "device_id":"door-1", "line_id":"main", "interval_start":"2025-11-24T09:14:00+01:00",
 *  "interval_end":"2025-11-24T09:15:00+01:00", "in":4, "out":2}
 * }</pre>
 * {@code site_id} is optional (checked when present); {@code interval_end} optional. Event id:
 * hash(site, device, line, UTC interval start, direction).
 */
public final class GenericCounterDecoder implements DeviceDecoder {
    public static final String FORMAT = "generic-counter";

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
        String deviceId = JsonPayload.text(root, "device_id");
        try {
            SiteClaim.check(root, context, deviceId);
            AgentConfig.Device device = context.device(deviceId).orElseThrow(() -> new PayloadException(
                    RejectReason.UNKNOWN_DEVICE, "counter '" + deviceId + "' is not in this agent's device list: add it"
                    + " under devices (format " + FORMAT + ")"));
            String lineId = JsonPayload.text(root, "line_id");
            Instant start = JsonPayload.instant(root, "interval_start");
            Instant end = root.hasNonNull("interval_end") ? JsonPayload.instant(root, "interval_end") : null;
            long in = JsonPayload.count(root, "in", context.maxCount());
            long out = JsonPayload.count(root, "out", context.maxCount());
            DeviceTimeRule.Resolved time = context.timeRule()
                    .resolve(start, end == null ? start : end, message.receivedTime(), deviceId);
            boolean door = device.line(lineId).map(AgentConfig.Line::receptionDoor).orElse(false);
            List<FootfallEvent> events = new ArrayList<>();
            for (Direction direction : Direction.values()) {
                long count = direction == Direction.IN ? in : out;
                if (count == 0) {
                    continue;
                }
                events.add(IntervalFootfall.of(context, message, deviceId, lineId, door, direction, count, start, end,
                        time, CounterFormat.GENERIC));
            }
            return events.isEmpty() ? Decoded.ignored("interval with no people counted") : Decoded.events(events);
        } catch (PayloadException e) {
            throw e.withDevice(deviceId);
        }
    }
}
