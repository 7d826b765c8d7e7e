package io.dealerpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Grafana provisioning files of this module, read as Grafana reads them. */
public final class ProvisioningFiles {
    /** The module directory (Maven runs tests there). */
    public static final Path MODULE = Path.of("").toAbsolutePath();
    public static final Path GRAFANA = MODULE.resolve("grafana");
    public static final Path DASHBOARDS = GRAFANA.resolve("dashboards");
    public static final Path PROVISIONING = GRAFANA.resolve("provisioning");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * A panel target (one query) of a dashboard; {@code timeFrom} is the panel's relative time
     * override (e.g. {@code 5m}: Grafana queries the last 5 minutes instead of the dashboard's range), or "".
     */
    public record Target(String dashboardUid, String panelTitle, String refId, String datasourceUid, String query,
            String timeFrom) {}

    /** The query of an alert rule (its refId A), with its relative time range. */
    public record AlertQuery(String uid, String title, String datasourceUid, String query, long fromSeconds) {}

    private ProvisioningFiles() {}

    /** Every dashboard by uid; a malformed file fails with its name. */
    public static Map<String, JsonNode> dashboards() {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = readJson(file);
                JsonNode previous = result.put(dashboard.path("uid").asText(), dashboard);
                if (previous != null) {
                    throw new IllegalStateException("dashboard uid " + dashboard.path("uid") + " is used twice (" + file + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not well-formed JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not well-formed YAML: " + e.getMessage(), e);
        }
    }

    /** Every panel target of every dashboard. */
    public static List<Target> targets(Map<String, JsonNode> dashboards) {
        List<Target> result = new ArrayList<>();
        dashboards.forEach((uid, dashboard) -> {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    JsonNode ds = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                    result.add(new Target(uid, panel.path("title").asText(), target.path("refId").asText(),
                            ds.path("uid").asText(), target.path("query").asText(), panel.path("timeFrom").asText("")));
                }
            }
        });
        return result;
    }

    /** Data source uid → its provisioned definition. */
    public static Map<String, JsonNode> datasources() {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode ds : readYaml(PROVISIONING.resolve("datasources/dealerpulse.yaml")).path("datasources")) {
            result.put(ds.path("uid").asText(), ds);
        }
        return result;
    }

    public static JsonNode alertRules() {
        return readYaml(PROVISIONING.resolve("alerting/rules.yaml"));
    }

    /**
     * The InfluxQL of every alert rule, with Grafana's provisioning-time expansion applied: it
     * expands environment variables in these files, so a literal {@code $} is written {@code $$}.
     */
    public static List<AlertQuery> alertQueries() {
        List<AlertQuery> result = new ArrayList<>();
        for (JsonNode group : alertRules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                for (JsonNode data : rule.path("data")) {
                    if (!data.path("datasourceUid").asText().equals("__expr__")) {
                        result.add(new AlertQuery(rule.path("uid").asText(), rule.path("title").asText(),
                                data.path("datasourceUid").asText(),
                                data.path("model").path("query").asText().replace("$$", "$"),
                                data.path("relativeTimeRange").path("from").asLong()));
                    }
                }
            }
        }
        return result;
    }
}
