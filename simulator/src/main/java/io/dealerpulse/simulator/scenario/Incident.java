package io.dealerpulse.simulator.scenario;

import java.time.Instant;

/** Something going wrong at a site, as in real life, that the pipeline must absorb. */
public record Incident(Kind kind, Instant from, Instant until) {
    public enum Kind {
        /** The door counter's totals are reset (AXIS: a new startTime; counting restarts from 0). */
        COUNTER_RESET,
        /** The door counter cannot reach the site broker for an hour, then catches up. */
        COUNTER_OFFLINE,
        /** The kiosk sends one unreadable message (a truncated JSON document). */
        BAD_KIOSK_PAYLOAD,
        /** One advisor of the roster does not come in. */
        ABSENT_ADVISOR,
        /** An advisor leaves without signing off at the end of the day. */
        FORGOTTEN_SIGN_OFF
    }

    public boolean covers(Instant time) {
        return !time.isBefore(from) && time.isBefore(until);
    }
}
