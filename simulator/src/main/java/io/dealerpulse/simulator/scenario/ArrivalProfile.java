package io.dealerpulse.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * When customers arrive during a day: a base rate over the open minutes plus a morning peak (about
 * 50 minutes after opening, when customers drop their car off before work) and an after-lunch peak
 * (about 35 minutes after the afternoon opening), as reception desks see it. Sampling is by inverse
 * cumulative weight over whole open minutes, then a uniform second within the minute.
 */
final class ArrivalProfile {
    private final List<Instant> minutes = new ArrayList<>();
    private final double[] cumulative;

    ArrivalProfile(List<Instant[]> openIntervals) {
        List<Double> weights = new ArrayList<>();
        Instant morningPeak = openIntervals.get(0)[0].plus(Duration.ofMinutes(50));
        Instant afternoonPeak = openIntervals.size() > 1 ? openIntervals.get(1)[0].plus(Duration.ofMinutes(35)) : null;
        for (Instant[] interval : openIntervals) {
            // The last 10 minutes before closing see almost nobody check in.
            Instant lastUseful = interval[1].minus(Duration.ofMinutes(10));
            for (Instant m = interval[0]; m.isBefore(lastUseful); m = m.plus(Duration.ofMinutes(1))) {
                double weight = 1.0 + 2.2 * bump(m, morningPeak, 40);
                if (afternoonPeak != null) {
                    weight += 1.6 * bump(m, afternoonPeak, 35);
                }
                minutes.add(m);
                weights.add(weight);
            }
        }
        cumulative = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
    }

    boolean isEmpty() {
        return minutes.isEmpty();
    }

    /** An arrival instant drawn from the profile. */
    Instant sample(Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = java.util.Arrays.binarySearch(cumulative, x);
        if (index < 0) {
            index = -index - 1;
        }
        index = Math.min(index, minutes.size() - 1);
        return minutes.get(index).plusSeconds(random.nextInt(60));
    }

    private static double bump(Instant t, Instant centre, double widthMinutes) {
        double z = Duration.between(centre, t).toSeconds() / 60.0 / widthMinutes;
        return Math.exp(-z * z);
    }
}
