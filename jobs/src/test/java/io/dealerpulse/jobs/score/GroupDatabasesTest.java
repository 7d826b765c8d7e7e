package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class GroupDatabasesTest {
    private final GroupDatabases routing = new GroupDatabases("dealerpulse_group_");

    private List<InfluxPoint> route(InfluxPoint point) {
        List<InfluxPoint> out = new ArrayList<>();
        routing.flatMap(point, new Collector<>() {
            @Override
            public void collect(InfluxPoint record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    private static InfluxPoint sitePoint(String measurement, String group) {
        return InfluxPoint.of(measurement, 60_000).tag("site", "s").tag("investor_group", group).field("score", 1.0);
    }

    @Test
    void aGroupSitesPointsAreCopiedToTheGroupDatabase() {
        List<InfluxPoint> out = route(sitePoint(ScorePoints.SITE_SCORE, "Groupe Nord-1"));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).getDatabase()).isNull();
        assertThat(out.get(1).getDatabase()).isEqualTo("dealerpulse_group_groupe_nord_1");
        assertThat(out.get(1).getDoubleFields()).isEqualTo(out.get(0).getDoubleFields());
        assertThat(out.get(1).getTags()).isEqualTo(out.get(0).getTags());
        assertThat(route(sitePoint("staffing_window", "ig-1")).get(1).getDatabase()).isEqualTo("dealerpulse_group_ig_1");
    }

    @Test
    void independentSitesAndNetworkComparisonsStayInTheNetworkDatabase() {
        assertThat(route(sitePoint(ScorePoints.SITE_SCORE, "none"))).hasSize(1);
        assertThat(route(InfluxPoint.of(ScorePoints.COMPARISON_DAILY, 0).tag("scope", "region").tag("name", "north")))
                .hasSize(1);
        assertThat(route(InfluxPoint.of("stream_accounting", 0).tag("site", "s"))).hasSize(1);
        List<InfluxPoint> group = route(InfluxPoint.of(ScorePoints.COMPARISON_DAILY, 0).tag("scope", "investor_group")
                .tag("name", "ig-1"));
        assertThat(group).extracting(InfluxPoint::getDatabase).containsExactly(null, "dealerpulse_group_ig_1");
    }

    @Test
    void tombstonesFollowTheirPointAndThePrefixIsValidated() {
        InfluxPoint tombstone = InfluxPoint.tombstoneOf(sitePoint(ScorePoints.TIER_CHANGE, "ig-1"));
        assertThat(route(tombstone)).allMatch(InfluxPoint::isTombstone).hasSize(2);
        assertThatThrownBy(() -> new GroupDatabases("bad-prefix")).hasMessageContaining("[a-z0-9_]+");
    }
}
