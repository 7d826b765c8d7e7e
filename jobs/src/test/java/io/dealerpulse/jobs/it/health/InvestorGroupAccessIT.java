package io.dealerpulse.jobs.it.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.jobs.access.AccessPlan;
import io.dealerpulse.jobs.access.InfluxAdmin;
import io.dealerpulse.jobs.access.ProvisionerOptions;
import io.dealerpulse.jobs.app.InfluxAccessProvisioner;
import io.dealerpulse.jobs.it.InfluxJson;
import io.dealerpulse.jobs.it.score.ScoreTopics;
import io.dealerpulse.jobs.pipeline.OutputOptions;
import io.dealerpulse.jobs.score.GroupDatabases;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.testkit.InfluxAnswer;
import io.dealerpulse.testkit.InfluxCredentials;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.InfluxOptions;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Investor-group isolation on a real influxd with authentication: {@link InfluxAccessProvisioner}
 * creates the databases and users, the whole pipeline (Kafka → MiniCluster at parallelism 2) writes
 * {@link SmallNetwork} as the write-only jobs user, and each user can do exactly what
 * docs/influxdb-security.md says, checked over HTTP as that user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KafkaExtension.class)
class InvestorGroupAccessIT {
    private static final String NETWORK_DB = "access_it";
    private static final String GROUP_PREFIX = "access_it_group_";
    private static final String READER_PREFIX = "access_it_reader_";
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(60);
    private static final String LINE = "intruder,site=x value=1i 1781510400000000000";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(NetworkJob.PARALLELISM).build());

    private final GroupDatabases groups = new GroupDatabases(GROUP_PREFIX);
    private final String nordDb = groups.databaseOf(SmallNetwork.NORD);
    private final String sudDb = groups.databaseOf(SmallNetwork.SUD);
    private final InfluxCredentials jobs = new InfluxCredentials("dealerpulse_jobs", "jobs-secret");
    private final InfluxCredentials grafana = new InfluxCredentials("dealerpulse_grafana", "grafana-secret");
    private final InfluxCredentials nordReader = new InfluxCredentials(READER_PREFIX + "groupe_nord", "nord-secret");
    private final InfluxCredentials sudReader = new InfluxCredentials(READER_PREFIX + "groupe_sud", "sud-secret");

    private InfluxEndpoint influx;
    private ProvisionerOptions provisioning;
    private ScoreTopics topics;
    private JobClient job;

    @BeforeAll
    void provisionAndRun(KafkaEndpoint kafka) throws Exception {
        influx = InfluxOptions.builder().authEnabled().start();
        InfluxCredentials admin = influx.admin().orElseThrow();
        provisioning = ProvisionerOptions.parse(new String[] {
            "--influx.url", influx.url(), "--influx.database", NETWORK_DB, "--influx.group-database-prefix", GROUP_PREFIX,
            "--provision.groups", SmallNetwork.NORD + ", " + SmallNetwork.SUD, "--provision.admin-user", admin.user(),
            "--provision.group-user-prefix", READER_PREFIX}, Map.of(
                ProvisionerOptions.ADMIN_PASSWORD_ENV, admin.password(),
                ProvisionerOptions.JOBS_PASSWORD_ENV, jobs.password(),
                ProvisionerOptions.GRAFANA_PASSWORD_ENV, grafana.password(),
                ProvisionerOptions.groupPasswordEnv(SmallNetwork.NORD), nordReader.password(),
                ProvisionerOptions.groupPasswordEnv(SmallNetwork.SUD), sudReader.password()));
        provision();

        topics = new ScoreTopics(kafka, "access");
        job = NetworkJob.start(topics, InfluxDbSinkOptions.of(influx.url(), NETWORK_DB, jobs.user(), jobs.password()),
                OutputOptions.defaults().withGroupDatabasePrefix(GROUP_PREFIX));
        SmallNetwork.build().publish(topics, influx, NETWORK_DB);
        Eventually.noProblems("the windows of every site (12 each) in the network and group databases", OUTPUT_TIMEOUT,
                () -> {
                    List<String> problems = new ArrayList<>();
                    expectWindows(NETWORK_DB, Set.copyOf(SmallNetwork.SITES), problems);
                    expectWindows(nordDb, Set.of(SmallNetwork.NORD_A, SmallNetwork.NORD_SILENT), problems);
                    expectWindows(sudDb, Set.of(SmallNetwork.SUD_B), problems);
                    return problems;
                });
    }

    private List<String> provision() {
        InfluxCredentials admin = influx.admin().orElseThrow();
        try (InfluxAdmin client = new InfluxAdmin(influx.url(), admin.user(), admin.password())) {
            return InfluxAccessProvisioner.provision(provisioning, client);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (topics != null) {
            topics.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void anonymousRequestsAreRefused() {
        assertThat(influx.tryWrite(null, NETWORK_DB, LINE).status()).as("anonymous write").isEqualTo(401);
        assertThat(influx.tryQuery(null, NETWORK_DB, "SELECT * FROM staffing_window LIMIT 1").status())
                .as("anonymous read").isEqualTo(401);
        assertThat(influx.tryQuery(null, nordDb, "SELECT * FROM staffing_window LIMIT 1").status())
                .as("anonymous read of a group").isEqualTo(401);
    }

    @Test
    void theJobsUserWroteEverythingButCannotRead() {
        assertThat(count(NETWORK_DB, null)).as("windows the jobs user wrote").isEqualTo(12L * SmallNetwork.SITES.size());
        for (String db : List.of(NETWORK_DB, nordDb, sudDb)) {
            InfluxAnswer read = influx.tryQuery(jobs, db, "SELECT visitors FROM staffing_window LIMIT 1");
            assertThat(read.status()).as("jobs user reading " + db + ": " + read.body()).isEqualTo(403);
        }
        assertThat(influx.tryQuery(jobs, "", "CREATE DATABASE jobs_may_not").status()).as("jobs user creating a database")
                .isEqualTo(403);
    }

    @Test
    void aGroupReaderSeesExactlyItsOwnSitesWithTheNetworkValues() throws InterruptedException {
        // The job is unbounded and rewrites a window while its day's events arrive; the set-up waits for
        // every window to exist, not for its last version, so the two databases are compared once the
        // rewrites settle (a lasting difference still fails after OUTPUT_TIMEOUT).
        Eventually.noProblems("the group's windows equal the network's", OUTPUT_TIMEOUT, () -> {
            Map<String, Map<String, String>> network = windows(influx.admin().orElseThrow(), NETWORK_DB,
                    "\"investor_group\" = '" + SmallNetwork.NORD + "'");
            Map<String, Map<String, String>> group = windows(nordReader, nordDb, null);
            return group.equals(network) ? List.of() : List.of("group " + group + " vs network " + network);
        });
        Map<String, Map<String, String>> own = windows(nordReader, nordDb, null);
        Map<String, Map<String, String>> network = windows(influx.admin().orElseThrow(), NETWORK_DB,
                "\"investor_group\" = '" + SmallNetwork.NORD + "'");

        assertThat(own.keySet()).containsExactlyInAnyOrder(SmallNetwork.NORD_A, SmallNetwork.NORD_SILENT);
        assertThat(own).isEqualTo(network);
        assertThat(tagValues(nordReader, nordDb, "site_score", "site"))
                .containsExactlyInAnyOrder(SmallNetwork.NORD_A, SmallNetwork.NORD_SILENT);
        assertThat(windows(sudReader, sudDb, null).keySet()).containsExactly(SmallNetwork.SUD_B);
    }

    @Test
    void aGroupReaderIsRefusedOnTheNetworkAndTheOtherGroupAndCannotWrite() {
        String query = "SELECT visitors FROM staffing_window LIMIT 1";
        assertThat(influx.tryQuery(nordReader, NETWORK_DB, query).status()).as("network database").isEqualTo(403);
        assertThat(influx.tryQuery(nordReader, sudDb, query).status()).as("the other group's database").isEqualTo(403);
        assertThat(influx.tryQuery(sudReader, nordDb, query).status()).as("the other group's database").isEqualTo(403);
        assertThat(influx.tryWrite(nordReader, nordDb, LINE).status()).as("writing its own database").isEqualTo(403);
        assertThat(count(nordDb, "intruder")).isZero();
    }

    @Test
    void grafanaReadsTheNetworkOnly() {
        assertThat(influx.tryQuery(grafana, NETWORK_DB, "SELECT count(visitors) FROM staffing_window").ok()).isTrue();
        assertThat(influx.tryQuery(grafana, nordDb, "SELECT count(visitors) FROM staffing_window").status()).isEqualTo(403);
        assertThat(influx.tryWrite(grafana, NETWORK_DB, LINE).status()).isEqualTo(403);
    }

    @Test
    void provisioningAgainChangesNothingAndStripsForeignPrivileges() {
        influx.query("", "GRANT ALL ON \"" + NETWORK_DB + "\" TO \"" + nordReader.user() + "\"");

        List<String> report = provision();

        assertThat(report).contains("user " + nordReader.user() + ": revoked ALL PRIVILEGES on " + NETWORK_DB);
        InfluxCredentials admin = influx.admin().orElseThrow();
        try (InfluxAdmin client = new InfluxAdmin(influx.url(), admin.user(), admin.password())) {
            assertThat(client.grants(nordReader.user())).isEqualTo(Map.of(nordDb, "READ"));
        }
        assertThat(influx.tryQuery(nordReader, NETWORK_DB, "SHOW MEASUREMENTS").status()).isEqualTo(403);
        assertThat(influx.tryQuery(nordReader, nordDb, "SHOW MEASUREMENTS").ok()).isTrue();
        assertThat(AccessPlan.groupUser(provisioning, SmallNetwork.SUD)).isEqualTo(sudReader.user());
    }

    private void expectWindows(String db, Set<String> sites, List<String> problems) {
        Map<String, Long> perSite = new TreeMap<>();
        try {
            for (JsonNode series : InfluxJson.series(influx, db, "SELECT count(visitors) FROM staffing_window GROUP BY site")) {
                perSite.put(InfluxJson.tags(series).get("site"), series.at("/values/0/1").asLong());
            }
        } catch (IllegalStateException e) {
            problems.add(db + ": " + e.getMessage());
            return;
        }
        Map<String, Long> want = new TreeMap<>();
        sites.forEach(s -> want.put(s, 12L));
        if (!perSite.equals(want)) {
            problems.add(db + ": windows per site " + perSite + ", want " + want);
        }
    }

    private long count(String db, String measurement) {
        String m = measurement == null ? "staffing_window" : measurement;
        String field = measurement == null ? "visitors" : "value";
        JsonNode value = influx.query(db, "SELECT count(" + field + ") FROM " + m).at("/results/0/series/0/values/0/1");
        return value.isMissingNode() ? 0 : value.asLong();
    }

    /** Site → "time" → "visitors/check_ins/status", read as {@code who}. */
    private Map<String, Map<String, String>> windows(InfluxCredentials who, String db, String where) {
        InfluxAnswer answer = influx.tryQuery(who, db, "SELECT visitors, check_ins, status FROM staffing_window"
                + (where == null ? "" : " WHERE " + where) + " GROUP BY site");
        assertThat(answer.ok()).as(who.user() + " reading " + db + ": " + answer.body()).isTrue();
        Map<String, Map<String, String>> sites = new TreeMap<>();
        for (JsonNode series : json(answer).at("/results/0/series")) {
            Map<String, String> rows = new TreeMap<>();
            for (JsonNode row : series.get("values")) {
                rows.put(row.get(0).asText(), row.get(1).asText() + "/" + row.get(2).asText() + "/" + row.get(3).asText());
            }
            sites.put(series.at("/tags/site").asText(), rows);
        }
        return sites;
    }

    private Set<String> tagValues(InfluxCredentials who, String db, String measurement, String tag) {
        InfluxAnswer answer = influx.tryQuery(who, db, "SHOW TAG VALUES FROM " + measurement + " WITH KEY = \"" + tag + "\"");
        assertThat(answer.ok()).as(answer.body()).isTrue();
        Set<String> values = new TreeSet<>();
        for (JsonNode row : json(answer).at("/results/0/series/0/values")) {
            values.add(row.get(1).asText());
        }
        return values;
    }

    private static JsonNode json(InfluxAnswer answer) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(answer.body(), e);
        }
    }
}
