package io.dealerpulse.simulator.scenario;

import java.time.LocalDate;

/**
 * Per-(site, day) seeds derived from the network seed, so any day of any site can be generated on its
 * own, in any order, and always comes out the same.
 */
final class ScenarioSeeds {
    private ScenarioSeeds() {}

    static long of(long networkSeed, String siteId, LocalDate date) {
        long h = networkSeed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < siteId.length(); i++) {
            h = (h ^ siteId.charAt(i)) * 0x100000001B3L;
        }
        h ^= date.toEpochDay() * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
