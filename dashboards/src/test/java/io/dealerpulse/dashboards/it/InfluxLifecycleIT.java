package io.dealerpulse.dashboards.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.dashboards.InfluxLifecycle;
import io.dealerpulse.dashboards.ProvisioningFiles;
import io.dealerpulse.dashboards.it.InfluxRows.Row;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle file applied to a real influxd: policies and continuous queries exist, the roll-ups add up. */
@ExtendWith(InfluxDbExtension.class)
class InfluxLifecycleIT {
    private static final String DB = "lifecycle_it";

    @Test
    void policiesAndContinuousQueriesExistAfterProvisioningTwice(InfluxEndpoint influx) throws Exception {
        List<String> statements = statements();
        InfluxLifecycle lifecycle = new InfluxLifecycle(URI.create(influx.url()), null, null);
        lifecycle.apply(statements);
        // an operator shortens raw retention: the existing policy is altered, the queries replaced
        List<String> shorter = lifecycle.apply(statements.stream().map(s -> s.replace("DURATION 30d REPLICATION", "DURATION 14d REPLICATION")).toList());
        assertThat(shorter).filteredOn(s -> s.startsWith("altered")).containsExactly(
                "altered RETENTION POLICY \"raw\" ON \"" + DB + "\" DURATION 14d REPLICATION 1 SHARD DURATION 1d DEFAULT");
        assertThat(shorter).filteredOn(s -> s.startsWith("replaced continuous query")).hasSize(9);
        assertThat(policies(influx)).containsEntry("raw", "336h0m0s default");
        lifecycle.apply(statements); // and back; applying the file again never fails

        assertThat(policies(influx)).containsEntry("raw", "720h0m0s default").containsEntry("hourly", "26280h0m0s")
                .containsEntry("daily", "87600h0m0s");

        List<String> names = InfluxRows.series(influx.query(DB, "SHOW CONTINUOUS QUERIES")).stream()
                .flatMap(s -> s.rows().stream())
                .filter(r -> r.str("query").contains("ON " + DB) || r.str("query").contains("ON \"" + DB + "\""))
                .map(r -> r.str("name")).sorted().toList();
        assertThat(names).isEqualTo(InfluxLifecycle.continuousQueries(statements).keySet().stream().sorted().toList());
    }

    @Test
    void aStatementInfluxDbRefusesStopsWithItsReasonAndTheStatement(InfluxEndpoint influx) {
        InfluxLifecycle lifecycle = new InfluxLifecycle(URI.create(influx.url()), null, null);
        String statement = "CREATE CONTINUOUS QUERY \"cq_broken\" ON \"" + DB + "\" BEGIN SELECT mean(\"x\") INTO \"y\" FROM \"z\" END";
        assertThatThrownBy(() -> lifecycle.apply(List.of(statement)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(statement)
                .hasMessageContaining("GROUP BY time");
    }

    @Test
    void theHourlyAndDailyRollUpsAddUpTheRawWindows(InfluxEndpoint influx) throws Exception {
        List<String> statements = statements();
        new InfluxLifecycle(URI.create(influx.url()), null, null).apply(statements);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        // two sites, four windows of one hour each; S2 has an under-staffed window
        int[][] visitors = {{3, 5, 0, 2}, {1, 4, 4, 6}};
        String[][] status = {{"ok", "ok", "idle", "ok"}, {"ok", "under_staffed", "ok", "ok"}};
        StringBuilder lines = new StringBuilder();
        for (int s = 0; s < 2; s++) {
            for (int w = 0; w < 4; w++) {
                long ns = hour.plus(Duration.ofMinutes(15L * w)).toEpochMilli() * 1_000_000L;
                lines.append("staffing_window,site=S").append(s + 1).append(",region=R,investor_group=none,country=FR,")
                        .append("local_date=2026-01-01,local_hour=10 visitors=").append(visitors[s][w])
                        .append("i,staff_on_duty=1.5,check_ins=1i,walk_ins=0i,appointments_due=1i,appointments_arrived=1i,")
                        .append("waiting_served=1i,waiting_p90_s=").append(60 * (w + 1)).append(",status=\"")
                        .append(status[s][w]).append("\" ").append(ns).append('\n');
            }
        }
        influx.write(DB, lines.toString());
        String range = " WHERE time >= " + hour.toEpochMilli() + "ms AND time < " + hour.plus(Duration.ofHours(1)).toEpochMilli() + "ms";
        Map<String, String> cqs = InfluxLifecycle.continuousQueries(statements);
        for (String name : List.of("cq_staffing_window_hourly", "cq_staffing_window_hourly_under_staffed")) {
            influx.query(DB, withTimeRange(cqs.get(name), range));
        }
        String dayRange = " WHERE time >= " + hour.truncatedTo(ChronoUnit.DAYS).toEpochMilli() + "ms";
        influx.query(DB, withTimeRange(cqs.get("cq_staffing_window_daily"), dayRange));

        Map<String, Row> hourly = InfluxRows.rows(influx.query(DB, "SELECT * FROM \"hourly\".\"staffing_window_hourly\""))
                .stream().collect(Collectors.toMap(r -> r.str("site"), r -> r));
        assertThat(hourly.get("S1").num("visitors")).isEqualTo(10);
        assertThat(hourly.get("S2").num("visitors")).isEqualTo(15);
        assertThat(hourly.get("S1").num("windows")).isEqualTo(4);
        assertThat(hourly.get("S1").num("staff_on_duty")).isEqualTo(6.0);
        assertThat(hourly.get("S1").num("waiting_p90_max_s")).isEqualTo(240.0);
        assertThat(hourly.get("S2").num("under_staffed_windows")).isEqualTo(1);
        assertThat(hourly.get("S1").isNull("under_staffed_windows")).isTrue();
        assertThat(hourly.get("S1").time()).isEqualTo(hour);

        Map<String, Row> daily = InfluxRows.rows(influx.query(DB, "SELECT * FROM \"daily\".\"staffing_window_daily\""))
                .stream().collect(Collectors.toMap(r -> r.str("site"), r -> r));
        assertThat(daily.get("S2").num("visitors")).isEqualTo(15);
        assertThat(daily.get("S2").num("under_staffed_windows")).isEqualTo(1);
        assertThat(daily.get("S1").str("local_date")).isEqualTo("2026-01-01");
    }

    private static Map<String, String> policies(InfluxEndpoint influx) {
        Map<String, String> policies = new TreeMap<>();
        InfluxRows.rows(influx.query(DB, "SHOW RETENTION POLICIES ON \"" + DB + "\""))
                .forEach(r -> policies.put(r.str("name"), r.str("duration") + (r.bool("default") ? " default" : "")));
        return policies;
    }

    /** What InfluxDB does when it runs a continuous query: the SELECT with the interval's time range. */
    private static String withTimeRange(String select, String where) {
        int groupBy = select.lastIndexOf(" GROUP BY ");
        String head = select.substring(0, groupBy);
        String condition = head.contains(" WHERE ") ? where.replace(" WHERE ", " AND ") : where;
        return head + condition + select.substring(groupBy);
    }

    private static List<String> statements() throws Exception {
        return InfluxLifecycle.statements(Files.readString(ProvisioningFiles.MODULE.resolve("influxdb/lifecycle.iql")), DB);
    }
}
