package io.dealerpulse.agent.decode;

/** Why a device message was dead-lettered; the names are the {@code DeadLetter.reason} codes. */
public enum RejectReason {
    MALFORMED_JSON,
    MISSING_FIELD,
    WRONG_TYPE,
    OUT_OF_RANGE,
    UNKNOWN_DEVICE,
    FOREIGN_SITE,
    TOO_OLD,
    UNEXPECTED_TOPIC,
    /** A decoder bug: the message is kept as a dead letter rather than crashing the agent. */
    DECODER_FAILURE
}
