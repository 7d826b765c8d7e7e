package io.dealerpulse.simulator.device;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One MQTT message a device publishes at {@code publishAt} (simulated time). */
public record DeviceMessage(Instant publishAt, String siteId, String topic, byte[] payload) {

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
