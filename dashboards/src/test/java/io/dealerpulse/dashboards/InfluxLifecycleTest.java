package io.dealerpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxLifecycleTest {
    static final Path FILE = ProvisioningFiles.MODULE.resolve("influxdb/lifecycle.iql");

    @Test
    void statementsAreRenamedForAnotherDatabaseAndCommentsDropped() throws Exception {
        List<String> statements = InfluxLifecycle.statements(Files.readString(FILE), "kpis_test");
        assertThat(statements.get(0)).isEqualTo("CREATE DATABASE \"kpis_test\"");
        assertThat(statements.get(1)).isEqualTo(
                "CREATE RETENTION POLICY \"raw\" ON \"kpis_test\" DURATION 30d REPLICATION 1 SHARD DURATION 1d DEFAULT");
        assertThat(statements).noneMatch(s -> s.contains("--") || s.contains("dealerpulse"));
        assertThat(statements).hasSize(4 + 9);
    }

    @Test
    void continuousQueriesAreFoundWithTheirSelectInto() throws Exception {
        Map<String, String> cqs = InfluxLifecycle.continuousQueries(InfluxLifecycle.statements(Files.readString(FILE), "x"));
        assertThat(cqs).hasSize(9).containsKey("cq_staffing_window_hourly");
        assertThat(cqs.get("cq_staffing_window_hourly"))
                .startsWith("SELECT count(\"visitors\") AS \"windows\"")
                .contains("INTO \"x\".\"hourly\".\"staffing_window_hourly\" FROM \"x\".\"raw\".\"staffing_window\"")
                .endsWith("GROUP BY time(1h), *");
        // every roll-up reads a retention policy of the file and writes a longer-lived one
        cqs.values().forEach(q -> assertThat(q).containsPattern("INTO \"x\"\\.\"(hourly|daily)\"\\."));
    }
}
