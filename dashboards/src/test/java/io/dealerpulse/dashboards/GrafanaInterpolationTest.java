package io.dealerpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.dashboards.GrafanaInterpolation.Variable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaInterpolationTest {
    private static final Instant FROM = Instant.parse("2026-03-03T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-04T15:00:00Z");

    private static String run(String query, Variable... variables) {
        Map<String, Variable> byName = new java.util.HashMap<>();
        for (Variable v : variables) {
            byName.put(v.name(), v);
        }
        return GrafanaInterpolation.interpolate(query, byName, FROM, TO, Duration.ofMinutes(15));
    }

    @Test
    void timeFilterBecomesEpochMillisecondBoundsAndIntervalGrafanaNotation() {
        assertThat(run("SELECT mean(x) FROM m WHERE $timeFilter GROUP BY time($__interval)"))
                .isEqualTo("SELECT mean(x) FROM m WHERE time >= 1772496000000ms and time <= 1772636400000ms"
                        + " GROUP BY time(15m)");
        assertThat(GrafanaInterpolation.intervalText(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(GrafanaInterpolation.intervalText(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(GrafanaInterpolation.intervalText(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void singleValueVariableIsInsertedAsIs() {
        assertThat(run("WHERE \"site\" = '$site'", Variable.single("site", "FR-IDF-001")))
                .isEqualTo("WHERE \"site\" = 'FR-IDF-001'");
    }

    @Test
    void multiValueVariableIsRegexEscapedAndJoined() {
        Variable one = new Variable("site", true, true, null, List.of("a.b"), false, List.of("a.b", "c"));
        Variable two = new Variable("site", true, true, null, List.of("a.b", "c/d"), false, List.of("a.b", "c/d"));
        assertThat(run("\"site\" =~ /^$site$/", one)).isEqualTo("\"site\" =~ /^a\\.b$/");
        assertThat(run("\"site\" =~ /^$site$/", two)).isEqualTo("\"site\" =~ /^(a\\.b|c\\/d)$/");
    }

    @Test
    void allIsTheCustomAllValueOrEveryOption() {
        Variable custom = new Variable("site", true, true, ".*", List.of(), true, List.of("x", "y"));
        Variable listed = new Variable("region", true, true, null, List.of(), true, List.of("x", "y+z"));
        assertThat(run("/^$site$/ /^$region$/", custom, listed)).isEqualTo("/^.*$/ /^(x|y\\+z)$/");
    }

    @Test
    void longerNamesAreReplacedFirstAndBracesWork() {
        Variable site = Variable.single("site", "S");
        Variable siteGroup = Variable.single("siteGroup", "G");
        assertThat(run("$siteGroup ${site} $site", site, siteGroup)).isEqualTo("G S S");
    }
}
