package io.dealerpulse.agent.ingest;

import io.dealerpulse.agent.decode.DeviceMessage;

/**
 * A device message waiting for the group commit, with what is needed to acknowledge it later:
 * the MQTT packet id and QoS, and the connection generation it arrived on (an ack is only valid on
 * the connection that delivered the message). {@code format} is null for a topic that no configured
 * subscription matches: such a message is acknowledged in turn and otherwise ignored.
 */
public record ReceivedMessage(DeviceMessage message, String format, int mqttId, int qos, long generation) {}
