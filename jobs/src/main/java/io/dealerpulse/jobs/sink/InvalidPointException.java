package io.dealerpulse.jobs.sink;

/** A point InfluxDB could not store as given; the message says what is wrong with it. */
public final class InvalidPointException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidPointException(String reason) {
        super(reason);
    }
}
