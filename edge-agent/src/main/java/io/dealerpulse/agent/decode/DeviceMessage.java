package io.dealerpulse.agent.decode;

import java.time.Instant;

/** One MQTT message as received: topic, raw payload, and the agent's receive time. */
public record DeviceMessage(String topic, byte[] payload, Instant receivedTime) {}
