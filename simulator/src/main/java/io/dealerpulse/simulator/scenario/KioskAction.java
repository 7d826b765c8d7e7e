package io.dealerpulse.simulator.scenario;

import java.time.Instant;

/**
 * One reception-kiosk event as the kiosk reports it (the generic kiosk format's fields, in clear: the
 * agent pseudonymises badge and appointment reference).
 *
 * @param type CHECK_IN, SERVED, SIGN_ON, SIGN_OFF or FEEDBACK
 * @param messageId the kiosk's own id of this message
 */
public record KioskAction(Instant time, String type, String messageId, String visitId, String badgeId,
        String appointmentRef, Integer feedback) {

    public static final String CHECK_IN = "CHECK_IN";
    public static final String SERVED = "SERVED";
    public static final String SIGN_ON = "SIGN_ON";
    public static final String SIGN_OFF = "SIGN_OFF";
    public static final String FEEDBACK = "FEEDBACK";
}
