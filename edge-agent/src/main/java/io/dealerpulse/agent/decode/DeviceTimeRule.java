package io.dealerpulse.agent.decode;

import java.time.Duration;
import java.time.Instant;

/**
 * DESIGN.md's device-clock rule: a device time more than {@code maxAhead} ahead of the agent's receive
 * time is replaced by the receive time (and flagged); one older than {@code maxAge} is rejected.
 */
public record DeviceTimeRule(Duration maxAhead, Duration maxAge) {

    /** The event time to use. */
    public record Resolved(Instant eventTime, boolean clockReplaced) {}

    /**
     * @param deviceTime the event's own device time
     * @param deviceNow  the device's "now" when it reported (equal to deviceTime for single events,
     *                   the interval end for interval reports)
     */
    public Resolved resolve(Instant deviceTime, Instant deviceNow, Instant receivedTime, String deviceId)
            throws PayloadException {
        if (deviceNow.isAfter(receivedTime.plus(maxAhead))) {
            return new Resolved(receivedTime, true);
        }
        if (deviceTime.isBefore(receivedTime.minus(maxAge))) {
            throw new PayloadException(RejectReason.TOO_OLD, "device time " + deviceTime + " is more than " + maxAge
                    + " before the agent's receive time " + receivedTime
                    + ": check the device's clock (NTP) or raise validation.max-event-age", deviceId, deviceTime);
        }
        return new Resolved(deviceTime, false);
    }
}
