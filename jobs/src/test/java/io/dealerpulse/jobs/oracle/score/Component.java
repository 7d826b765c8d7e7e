package io.dealerpulse.jobs.oracle.score;

/**
 * One score component as of an instant: its value in [0, 1], its denominator {@code n} and whether
 * it has data (n > 0 and at least the minimum samples). Without data the value is 0.0, as stored.
 */
public record Component(String name, double value, long n, boolean valid) {

    /** A share good / n, with data when n ≥ max(1, minimum). */
    static Component share(String name, long good, long n, int minimum) {
        boolean valid = n > 0 && n >= minimum;
        return new Component(name, valid ? (double) good / n : 0.0, n, valid);
    }

    /** NPS mapped to [0, 1]: NPS = 100 · (promoters − detractors) / n, value = (NPS + 100) / 200. */
    static Component nps(String name, long promoters, long detractors, long n, int minimum) {
        boolean valid = n > 0 && n >= minimum;
        if (!valid) {
            return new Component(name, 0.0, n, false);
        }
        double nps = 100.0 * (promoters - detractors) / n;
        return new Component(name, (nps + 100.0) / 200.0, n, true);
    }
}
