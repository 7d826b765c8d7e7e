package io.dealerpulse.jobs.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.jobs.access.AccessPlan.ManagedUser;
import io.dealerpulse.jobs.access.AccessPlan.Privilege;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPlanTest {
    private static final String[] ARGS = {"--influx.url", "http://influxdb:8086", "--provision.groups", "Groupe Nord, sud-invest"};

    @TempDir
    Path dir;

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("INFLUXDB_ADMIN_PASSWORD", "admin-pw");
        env.put("INFLUXDB_PASSWORD", "jobs-pw");
        env.put("INFLUXDB_GRAFANA_PASSWORD", "grafana-pw");
        env.put("INFLUXDB_GROUP_GROUPE_NORD_PASSWORD", "nord-pw");
        env.put("INFLUXDB_GROUP_SUD_INVEST_PASSWORD", "sud-pw");
        return env;
    }

    @Test
    void theJobsWriteEverywhereGrafanaReadsTheNetworkAndEachGroupReadsItsOwnDatabase() {
        AccessPlan plan = AccessPlan.of(ProvisionerOptions.parse(ARGS, env()));

        assertThat(plan.databases()).containsExactly("dealerpulse", "dealerpulse_group_groupe_nord",
                "dealerpulse_group_sud_invest");
        assertThat(plan.users()).extracting(ManagedUser::name).containsExactly("dealerpulse_jobs", "dealerpulse_grafana",
                "dealerpulse_reader_groupe_nord", "dealerpulse_reader_sud_invest");
        assertThat(plan.users().get(0).grants()).isEqualTo(Map.of("dealerpulse", Privilege.WRITE,
                "dealerpulse_group_groupe_nord", Privilege.WRITE, "dealerpulse_group_sud_invest", Privilege.WRITE));
        assertThat(plan.users().get(1).grants()).isEqualTo(Map.of("dealerpulse", Privilege.READ));
        assertThat(plan.users().get(2).grants()).isEqualTo(Map.of("dealerpulse_group_groupe_nord", Privilege.READ));
        assertThat(plan.users().get(3).grants()).isEqualTo(Map.of("dealerpulse_group_sud_invest", Privilege.READ));
        assertThat(plan.users()).extracting(ManagedUser::password)
                .containsExactly("jobs-pw", "grafana-pw", "nord-pw", "sud-pw");
        assertThat(plan.toString()).doesNotContain("-pw");
    }

    @Test
    void aGroupPasswordCanComeFromTheGroupPasswordDirectory() throws Exception {
        Files.writeString(dir.resolve("groupe_nord"), "nord-from-file\n");
        Map<String, String> env = env();
        env.remove("INFLUXDB_GROUP_GROUPE_NORD_PASSWORD");

        ProvisionerOptions options = ProvisionerOptions.parse(new String[] {"--influx.url", "http://influxdb:8086",
            "--provision.groups", "Groupe Nord, sud-invest", "--provision.group-password-dir", dir.toString()}, env);

        assertThat(options.groupPassword("Groupe Nord")).isEqualTo("nord-from-file");
    }

    @Test
    void missingPasswordsAndPasswordArgumentsAreRefusedNamingWhereToPutThem() {
        Map<String, String> env = env();
        env.remove("INFLUXDB_GRAFANA_PASSWORD");
        env.remove("INFLUXDB_GROUP_SUD_INVEST_PASSWORD");
        String[] args = List.of("--influx.url", "http://influxdb:8086", "--provision.groups", "Groupe Nord, sud-invest",
                "--provision.admin-password", "leaked").toArray(String[]::new);

        assertThatThrownBy(() -> ProvisionerOptions.parse(args, env))
                .hasMessageContaining("Grafana user password: missing; set INFLUXDB_GRAFANA_PASSWORD")
                .hasMessageContaining("group sud-invest user password: missing; set INFLUXDB_GROUP_SUD_INVEST_PASSWORD")
                .hasMessageContaining("provision.admin-password: unknown key; passwords come from environment variables"
                        + " or files")
                .hasMessageNotContaining("leaked");
    }

    @Test
    void identifiersAndPasswordsAreQuotedSoTheyCannotEndTheStatement() {
        assertThat(InfluxQl.identifier("we\"ird")).isEqualTo("\"we\\\"ird\"");
        assertThat(InfluxQl.literal("it's\\")).isEqualTo("'it\\'s\\\\'");
    }
}
