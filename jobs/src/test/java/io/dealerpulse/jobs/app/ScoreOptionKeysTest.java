package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.jobs.score.ComponentName;
import io.dealerpulse.jobs.score.ScoreOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreOptionKeysTest {
    private static final String[] MINIMAL = {
        "--kafka.bootstrap.servers", "kafka:9092",
        "--influx.url", "http://influxdb:8086",
        "--checkpoint.dir", "file:///flink/checkpoints"};

    private static JobOptions parse(String... extra) {
        String[] all = new String[MINIMAL.length + extra.length];
        System.arraycopy(MINIMAL, 0, all, 0, MINIMAL.length);
        System.arraycopy(extra, 0, all, MINIMAL.length, extra.length);
        return JobOptions.parse(all, Map.of());
    }

    @Test
    void withoutScoreKeysTheScoreModelIsTheDesignDefault() {
        assertThat(parse().score()).isEqualTo(ScoreOptions.defaults());
    }

    @Test
    void everyScoreKeyReachesTheScoreOptions() {
        ScoreOptions score = parse(
                "--score.weight.satisfaction", "1", "--score.weight.waiting", "0", "--score.weight.staffing", "2",
                "--score.weight.appointments", "0.5", "--score.weight.feedback", "0.25",
                "--score.minimum-surveys", "10", "--score.minimum-feedback", "3",
                "--score.tier.platinum", "95", "--score.tier.gold", "85", "--score.tier.silver", "70",
                "--score.trend.threshold", "1.5", "--score.trend.minimum-days", "6",
                "--score.comparison-grace", "30 min").score();

        assertThat(score.weight(ComponentName.SATISFACTION)).isEqualTo(1.0);
        assertThat(score.weight(ComponentName.WAITING)).isEqualTo(0.0);
        assertThat(score.weight(ComponentName.STAFFING)).isEqualTo(2.0);
        assertThat(score.weight(ComponentName.APPOINTMENTS)).isEqualTo(0.5);
        assertThat(score.weight(ComponentName.FEEDBACK)).isEqualTo(0.25);
        assertThat(score.minimumSurveys()).isEqualTo(10);
        assertThat(score.minimumFeedback()).isEqualTo(3);
        assertThat(score.platinumFrom()).isEqualTo(95);
        assertThat(score.goldFrom()).isEqualTo(85);
        assertThat(score.silverFrom()).isEqualTo(70);
        assertThat(score.trendThreshold()).isEqualTo(1.5);
        assertThat(score.trendMinimumDays()).isEqualTo(6);
        assertThat(score.comparisonGrace()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aNegativeWeightIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> parse("--score.weight.feedback", "-0.1"))
                .hasMessageContaining("score.weight.feedback: -0.1 is negative");
    }

    @Test
    void allWeightsZeroIsRefused() {
        assertThatThrownBy(() -> parse("--score.weight.satisfaction", "0", "--score.weight.waiting", "0",
                "--score.weight.staffing", "0", "--score.weight.appointments", "0", "--score.weight.feedback", "0"))
                .hasMessageContaining("score.weight.*: all five weights are 0");
    }

    @Test
    void oneWeightAboveZeroIsEnough() {
        ScoreOptions score = parse("--score.weight.satisfaction", "0", "--score.weight.waiting", "0",
                "--score.weight.staffing", "0", "--score.weight.appointments", "0", "--score.weight.feedback", "0.01").score();

        assertThat(score.weight(ComponentName.FEEDBACK)).isEqualTo(0.01);
    }

    @Test
    void tierBoundsThatDoNotDecreaseAreRefused() {
        assertThatThrownBy(() -> parse("--score.tier.gold", "90"))
                .hasMessageContaining("score.tier.*: the bounds must decrease, platinum > gold > silver; got 90.0 / 90.0 / 65.0");
    }

    @Test
    void everyWrongScoreKeyIsReportedTogether() {
        assertThatThrownBy(() -> parse("--score.weight.waiting", "lots", "--score.minimum-surveys", "0",
                "--score.minimum-feedback", "x", "--score.trend.threshold", "-1", "--score.trend.minimum-days", "8",
                "--score.comparison-grace", "soon"))
                .hasMessageContaining("score.weight.waiting: 'lots' is not a number")
                .hasMessageContaining("score.minimum-surveys: 0 must be at least 1")
                .hasMessageContaining("score.minimum-feedback: 'x' is not a whole number")
                .hasMessageContaining("score.trend.threshold: -1.0 is negative")
                .hasMessageContaining("score.trend.minimum-days: 8 is outside 1..7")
                .hasMessageContaining("score.comparison-grace: 'soon' is not a duration");
    }
}
