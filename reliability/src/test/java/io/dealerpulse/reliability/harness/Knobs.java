package io.dealerpulse.reliability.harness;

import java.time.Duration;

/**
 * The suite's sizes, from system properties set by the module's pom (CI sizes by default, larger under
 * {@code -Preliability-long}); the defaults here are the CI sizes, for a run from an IDE.
 */
public final class Knobs {
    private Knobs() {}

    /** How many times the kill loop kills the agent with SIGKILL. */
    public static int kills() {
        return Integer.getInteger("reliability.kills", 20);
    }

    /** Seed of every random choice (kill points); printed with the figures so a run can be repeated. */
    public static long seed() {
        return Long.getLong("reliability.seed", 20260105L);
    }

    /** How long Kafka stays down in the outage test. */
    public static Duration outage() {
        return Duration.ofSeconds(Long.getLong("reliability.outage.seconds", 25));
    }

    /** The agent's {@code kafka.delivery-timeout} in the outage test (the outage must be longer). */
    public static String outageDeliveryTimeout() {
        return System.getProperty("reliability.outage.delivery-timeout", "10s");
    }

    /** Device messages per second the simulated site publishes (a busy site peaks at ~5/s). */
    public static int ratePerSecond() {
        return Integer.getInteger("reliability.rate.per-second", 100);
    }
}
