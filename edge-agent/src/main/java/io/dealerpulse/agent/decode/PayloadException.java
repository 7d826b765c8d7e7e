package io.dealerpulse.agent.decode;

import java.time.Instant;
import java.util.Optional;

/** A device message that cannot be used, with the reason code and a sentence saying what is wrong. */
public final class PayloadException extends Exception {
    private final RejectReason reason;
    private final String deviceId;
    private final Instant eventTime;

    public PayloadException(RejectReason reason, String detail) {
        this(reason, detail, null, null);
    }

    public PayloadException(RejectReason reason, String detail, String deviceId, Instant eventTime) {
        super(detail, null, false, false);
        this.reason = reason;
        this.deviceId = deviceId;
        this.eventTime = eventTime;
    }

    public RejectReason reason() {
        return reason;
    }

    public Optional<String> deviceId() {
        return Optional.ofNullable(deviceId);
    }

    public Optional<Instant> eventTime() {
        return Optional.ofNullable(eventTime);
    }

    /** The same problem, now that the device is known. */
    public PayloadException withDevice(String device) {
        return deviceId != null ? this : new PayloadException(reason, getMessage(), device, eventTime);
    }
}
