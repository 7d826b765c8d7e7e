package io.dealerpulse.simulator.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * A customer's visit as the simulator decided it (the ground truth behind the kiosk events).
 *
 * @param appointmentRef null for a walk-in
 * @param servedAt null when nobody received the customer before closing
 */
public record Visit(String visitId, Instant arrival, Instant checkIn, String appointmentRef, Instant servedAt,
        String advisorBadge, Instant leftAt) {

    public boolean served() {
        return servedAt != null;
    }

    public Duration waiting() {
        return servedAt == null ? null : Duration.between(checkIn, servedAt);
    }
}
