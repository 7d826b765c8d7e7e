package io.dealerpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioning files are consistent: what a Grafana start-up would reject or show broken. */
class DashboardStructureTest {
    private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([A-Za-z0-9_-]+)/[a-z0-9-]+(?:\\?(.*))?$");
    private static final Pattern VAR_PARAM = Pattern.compile("var-([A-Za-z0-9_]+)=|\\$\\{([A-Za-z0-9_]+):queryparam}");
    private static final Set<String> EXPECTED = Set.of("dp-network", "dp-region", "dp-site", "dp-group", "dp-pipeline");

    private final Map<String, JsonNode> dashboards = ProvisioningFiles.dashboards();

    @Test
    void theFiveDashboardsExistWithUniqueUidsAndPanelIds() {
        assertThat(dashboards.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED);
        dashboards.forEach((uid, d) -> {
            List<Integer> ids = new ArrayList<>();
            d.path("panels").forEach(p -> ids.add(p.path("id").asInt()));
            assertThat(ids).as("panel ids of %s", uid).doesNotHaveDuplicates().isNotEmpty();
            assertThat(d.path("title").asText()).as("title of %s", uid).startsWith("DealerPulse");
        });
        Set<String> ruleUids = new HashSet<>();
        ProvisioningFiles.alertQueries().forEach(q -> assertThat(ruleUids.add(q.uid())).as("rule uid %s", q.uid()).isTrue());
        assertThat(ruleUids).hasSize(5);
    }

    @Test
    void everyDataSourceReferenceExists() {
        Set<String> provisioned = ProvisioningFiles.datasources().keySet();
        dashboards.forEach((uid, d) -> {
            Set<String> variables = variableNames(d);
            for (JsonNode ds : d.findValues("datasource")) {
                if (!ds.isObject()) {
                    continue; // a data source variable's "query" is the plugin type, not a reference
                }
                String ref = ds.path("uid").asText();
                Matcher variable = Pattern.compile("^\\$\\{(\\w+)}$").matcher(ref);
                if (variable.matches()) {
                    assertThat(variables).as("data source variable %s of %s", ref, uid).contains(variable.group(1));
                    assertThat(variableType(d, variable.group(1))).isEqualTo("datasource");
                } else {
                    assertThat(provisioned).as("data source %s used by %s", ref, uid).contains(ref);
                }
                assertThat(ds.path("type").asText()).isEqualTo("influxdb");
            }
        });
        ProvisioningFiles.alertQueries().forEach(q ->
                assertThat(provisioned).as("data source of rule %s", q.uid()).contains(q.datasourceUid()));
    }

    @Test
    void everyLinkAndDrillDownPointsToAnExistingDashboardAndVariable() {
        int links = 0;
        for (Map.Entry<String, JsonNode> e : dashboards.entrySet()) {
            List<String> urls = new ArrayList<>();
            e.getValue().path("links").forEach(l -> urls.add(l.path("url").asText()));
            e.getValue().findValues("links").forEach(list -> list.forEach(l -> {
                if (l.has("url")) {
                    urls.add(l.path("url").asText());
                }
            }));
            for (String url : new HashSet<>(urls)) {
                links++;
                Matcher m = DASHBOARD_URL.matcher(url);
                assertThat(m.matches()).as("link %s in %s is a /d/<uid>/<slug> link", url, e.getKey()).isTrue();
                JsonNode target = dashboards.get(m.group(1));
                assertThat(target).as("dashboard %s linked from %s", m.group(1), e.getKey()).isNotNull();
                if (m.group(2) != null) {
                    Matcher params = VAR_PARAM.matcher(m.group(2));
                    while (params.find()) {
                        String name = params.group(1) != null ? params.group(1) : params.group(2);
                        assertThat(variableNames(target)).as("variable %s of %s (link from %s)", name, m.group(1), e.getKey())
                                .contains(name);
                    }
                }
            }
        }
        assertThat(links).isGreaterThanOrEqualTo(10);
    }

    @Test
    void drillDownsFormTheNetworkRegionSiteAndGroupSitePaths() {
        assertThat(linkedUids("dp-network")).contains("dp-region", "dp-site", "dp-group", "dp-pipeline");
        assertThat(linkedUids("dp-region")).contains("dp-site", "dp-network");
        assertThat(linkedUids("dp-group")).contains("dp-site");
        assertThat(linkedUids("dp-site")).contains("dp-region");
    }

    @Test
    void multiValueVariablesAreOnlyUsedInRegexMatchesAndSingleOnesInEqualities() {
        dashboards.forEach((uid, d) -> {
            for (JsonNode v : d.path("templating").path("list")) {
                String name = v.path("name").asText();
                boolean regexForm = v.path("multi").asBoolean() || v.path("includeAll").asBoolean();
                for (ProvisioningFiles.Target t : ProvisioningFiles.targets(Map.of(uid, d))) {
                    Matcher use = Pattern.compile("(.{0,4})\\$" + name + "(?![A-Za-z0-9_])(.{0,2})").matcher(t.query());
                    while (use.find()) {
                        String context = use.group(1) + "$" + name + use.group(2);
                        if (regexForm) {
                            assertThat(context).as("%s in %s / %s", name, uid, t.panelTitle()).contains("/^$" + name + "$/");
                        } else {
                            assertThat(context).as("%s in %s / %s", name, uid, t.panelTitle()).contains("'$" + name + "'");
                        }
                    }
                }
            }
        });
    }

    @Test
    void anInvestorGroupOrganisationHasOneDataSourceAndOnlyTheGroupDashboard() {
        java.nio.file.Path group = ProvisioningFiles.GRAFANA.resolve("provisioning-group");
        JsonNode datasources = ProvisioningFiles.readYaml(group.resolve("datasources/investor-group.yaml")).path("datasources");
        JsonNode providers = ProvisioningFiles.readYaml(group.resolve("dashboards/investor-group.yaml")).path("providers");
        assertThat(datasources).hasSize(1);
        assertThat(providers).hasSize(1);
        int org = datasources.get(0).path("orgId").asInt();
        assertThat(org).isNotEqualTo(1);
        assertThat(providers.get(0).path("orgId").asInt()).isEqualTo(org);
        assertThat(datasources.get(0).path("jsonData").path("dbName").asText()).isEqualTo("${DEALERPULSE_GROUP_DATABASE}");
        // the group dashboard reaches its data only through the $datasource variable, so it works in that organisation
        assertThat(dashboards.get("dp-group").toString()).doesNotContain("dealerpulse-influxdb\"");
        ProvisioningFiles.datasources().values().forEach(ds -> assertThat(ds.path("orgId").asInt()).isEqualTo(1));
    }

    @Test
    void tiersAndStatusesHaveTheirColours() {
        String network = dashboards.get("dp-network").toString();
        for (String value : List.of("platinum", "gold", "silver", "bronze", "under_staffed", "over_staffed", "idle")) {
            assertThat(network).as("value mapping for %s", value).contains("\"" + value + "\":{\"text\"");
        }
        assertThat(dashboards.get("dp-site").toString()).contains("\"unit\":\"s\"", "no data");
    }

    private List<String> linkedUids(String uid) {
        List<String> result = new ArrayList<>();
        Matcher m = Pattern.compile("/d/([A-Za-z0-9_-]+)/").matcher(dashboards.get(uid).toString());
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    static Set<String> variableNames(JsonNode dashboard) {
        Set<String> names = new HashSet<>();
        dashboard.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static String variableType(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("name").asText().equals(name)) {
                return v.path("type").asText();
            }
        }
        return null;
    }
}
