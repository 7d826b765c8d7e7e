package io.dealerpulse.jobs.it.health;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Polls a check that lists its problems until it lists none, or fails with the last list. */
final class Eventually {
    private Eventually() {}

    static void noProblems(String what, Duration timeout, Supplier<List<String>> check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = check.get();
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            problems = check.get();
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " after " + timeout.toSeconds() + " s:\n  " + String.join("\n  ", problems));
        }
    }
}
