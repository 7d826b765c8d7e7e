package io.dealerpulse.agent.decode;

import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import java.time.Instant;

/**
 * The footfall record of a per-interval count (generic counter, Milesight): the id is
 * hash(site, device, line, interval start, direction), as DESIGN.md prescribes, so a redelivered
 * report maps to the same id.
 */
final class IntervalFootfall {
    private IntervalFootfall() {}

    static FootfallEvent of(DecodeContext context, DeviceMessage message, String deviceId, String lineId,
            boolean receptionDoor, Direction direction, long count, Instant start, Instant end,
            DeviceTimeRule.Resolved time, CounterFormat format) {
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of(context.siteId(), deviceId, lineId, start.toString(), direction.name()))
                .setSiteId(context.siteId())
                .setDeviceId(deviceId)
                .setLineId(lineId)
                .setReceptionDoor(receptionDoor)
                .setDirection(direction)
                .setCount((int) count)
                .setEventTime(time.eventTime())
                .setIntervalEnd(time.clockReplaced() ? null : end)
                .setReceivedTime(message.receivedTime())
                .setDeviceTime(start)
                .setClockReplaced(time.clockReplaced())
                .setCounterReset(false)
                .setSourceFormat(format)
                .build();
    }
}
