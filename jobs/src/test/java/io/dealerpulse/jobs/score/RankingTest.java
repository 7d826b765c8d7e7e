package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void tiesShareARankAndTheNextRankSkips() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("a", 90.0);
        scores.put("b", 80.0);
        scores.put("c", 80.0);
        scores.put("d", 70.0);
        scores.put("e", 95.0);
        Map<String, Ranking.Position> p = Ranking.of(scores);
        assertThat(p.get("e").rank()).isEqualTo(1);
        assertThat(p.get("a").rank()).isEqualTo(2);
        assertThat(p.get("b").rank()).isEqualTo(3);
        assertThat(p.get("c").rank()).isEqualTo(3);
        assertThat(p.get("d").rank()).isEqualTo(5);
        // percentile = 100 × others ≤ own / (n − 1)
        assertThat(p.get("e").percentile()).isEqualTo(100.0);
        assertThat(p.get("a").percentile()).isEqualTo(75.0);
        assertThat(p.get("b").percentile()).isEqualTo(50.0); // d and c
        assertThat(p.get("c").percentile()).isEqualTo(50.0);
        assertThat(p.get("d").percentile()).isEqualTo(0.0);
    }

    @Test
    void aSiteAloneIsFirstAtTheHundredthPercentile() {
        assertThat(Ranking.of(Map.of("a", 12.5)).get("a")).isEqualTo(new Ranking.Position(1, 100.0));
    }

    @Test
    void allTiedShareRankOneAtTheHundredthPercentile() {
        Map<String, Ranking.Position> p = Ranking.of(Map.of("a", 60.0, "b", 60.0, "c", 60.0));
        assertThat(p.values()).containsOnly(new Ranking.Position(1, 100.0));
    }

    @Test
    void unroundedScoresAreCompared() {
        Map<String, Ranking.Position> p = Ranking.of(Map.of("a", 80.0000001, "b", 80.0));
        assertThat(p.get("a").rank()).isEqualTo(1);
        assertThat(p.get("b").rank()).isEqualTo(2);
    }
}
