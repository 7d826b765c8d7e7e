package io.dealerpulse.jobs.score;

/**
 * One score component as of an instant: its value in [0, 1] when it has data, and its denominator
 * {@code n} (surveys, customers counted, windows, appointments counted or presses) either way, so a
 * dashboard can say "3 surveys, not enough" rather than just "no data".
 */
public record Component(double value, long n, boolean hasData) {
    public static Component of(long good, long n) {
        return n > 0 ? new Component((double) good / n, n, true) : none(0);
    }

    /** No data: under the minimum samples ({@code n} says how many there were) or nothing to count. */
    public static Component none(long n) {
        return new Component(0.0, n, false);
    }
}
