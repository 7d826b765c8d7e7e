package io.dealerpulse.jobs.it.score;

import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult.ExpectedMinute;
import io.dealerpulse.jobs.scenario.network.NetworkScenario;
import io.dealerpulse.jobs.scenario.network.NetworkSite;
import io.dealerpulse.jobs.scenario.network.PhasedPublication;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares one database's score output with the score oracle, as {@link ScoreScenarioIT} does for
 * the uninterrupted run, and returns every difference as a line (empty: equal): live minute scores
 * field by field at every settled minute ({@link PhasedPublication#settled}) and their existence at
 * every minute the site clock passed; daily scores, tier changes, daily comparisons and daily ranks
 * entirely, with no unexpected point.
 */
final class ScoreOracleCheck {
    private final ScoreOracleResult expected;
    private final PhasedPublication settledBy;

    /**
     * @param settledBy the publication whose phases decide which minutes are settled; a run whose
     *     per-site phases are the same (e.g. with other sites' phases in between) may use it too
     */
    ScoreOracleCheck(ScoreOracleResult expected, PhasedPublication settledBy) {
        this.expected = expected;
        this.settledBy = settledBy;
    }

    /** The differences, each naming the measurement (and site), the counts and the first points. */
    List<String> problems(ScoreReadback readback) {
        List<String> problems = new ArrayList<>(minuteProblems(readback));
        compare(readback, ScoreOracle.SITE_SCORE_DAILY, expected.daily(), List.of("site"), problems);
        compare(readback, ScoreOracle.TIER_CHANGE, expected.tierChanges(), List.of("site"), problems);
        compare(readback, ScoreOracle.COMPARISON_DAILY, expected.comparisons(), List.of("scope", "name"), problems);
        compare(readback, ScoreOracle.SITE_RANK_DAILY, expected.ranks(), List.of("site"), problems);
        return problems;
    }

    /** Number of settled minute points the check compares field by field. */
    long settledMinutes() {
        return expected.minutes().stream().filter(m -> settledBy.settled(m.site(), m.time())).count();
    }

    private List<String> minuteProblems(ScoreReadback readback) {
        List<String> problems = new ArrayList<>();
        for (NetworkSite site : NetworkScenario.SITES) {
            List<StoredPoint> stored = readback.points(ScoreOracle.SITE_SCORE, "\"site\" = '" + site.id() + "'");
            List<ExpectedMinute> minutes = expected.minutes().stream().filter(m -> m.site().equals(site.id())).toList();
            List<ExpectedPoint> settled = minutes.stream().filter(m -> settledBy.settled(site.id(), m.time()))
                    .map(ExpectedMinute::toPoint).toList();
            PointDiff diff = PointDiff.between(ScoreOracle.SITE_SCORE, settled, stored, List.of("site"), false);
            if (!diff.isEmpty()) {
                problems.add(site.id() + " settled minutes: " + diff.report());
            }
            Set<Instant> expectedTimes = minutes.stream().map(ExpectedMinute::time).collect(Collectors.toCollection(TreeSet::new));
            Set<Instant> storedTimes = stored.stream().map(StoredPoint::time).collect(Collectors.toCollection(TreeSet::new));
            Instant currentMinute = expected.finalClocks().get(site.id()).plusSeconds(60).truncatedTo(ChronoUnit.MINUTES);
            List<Instant> absent = expectedTimes.stream().filter(t -> !storedTimes.contains(t)).toList();
            List<Instant> extra = storedTimes.stream().filter(t -> !expectedTimes.contains(t) && !t.equals(currentMinute)).toList();
            if (!absent.isEmpty() || !extra.isEmpty()) {
                problems.add(site.id() + " site_score minutes: " + absent.size() + " of " + expectedTimes.size()
                        + " passed minutes have no point (first: " + absent.stream().limit(5).toList() + "), "
                        + extra.size() + " points at minutes the clock never passed (first: "
                        + extra.stream().limit(5).toList() + ")");
            }
        }
        return problems;
    }

    private static void compare(ScoreReadback readback, String measurement, List<ExpectedPoint> expectedPoints,
            List<String> identity, List<String> problems) {
        if (expectedPoints.isEmpty()) {
            problems.add("the oracle expects no " + measurement + " point: the scenario does not exercise it");
            return;
        }
        PointDiff diff = PointDiff.between(measurement, expectedPoints, readback.points(measurement, null), identity, true);
        if (!diff.isEmpty()) {
            problems.add(diff.report());
        }
    }
}
