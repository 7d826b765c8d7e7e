package io.dealerpulse.agent.ingest;

/** Sends the MQTT acknowledgement of a message that is durable in the outbox. */
public interface Acknowledger {
    void acknowledge(ReceivedMessage message);
}
