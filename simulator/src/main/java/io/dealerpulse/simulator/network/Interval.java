package io.dealerpulse.simulator.network;

import java.time.LocalTime;

/** A local opening interval [open, close) of one day. */
public record Interval(LocalTime open, LocalTime close) {
    public Interval {
        if (!close.isAfter(open)) {
            throw new IllegalArgumentException("an interval closes after it opens: " + open + "-" + close);
        }
    }

    public static Interval of(String open, String close) {
        return new Interval(LocalTime.parse(open), LocalTime.parse(close));
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(open) && time.isBefore(close);
    }

    /** {@code 08:00-12:00}, the importer's opening-hours notation. */
    @Override
    public String toString() {
        return open + "-" + close;
    }
}
