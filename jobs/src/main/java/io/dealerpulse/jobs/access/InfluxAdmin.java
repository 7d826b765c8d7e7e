package io.dealerpulse.jobs.access;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The InfluxQL administration statements of the provisioner, run as an admin user. A refused or
 * failed statement throws {@link IllegalStateException} with what to check; statements that carry a
 * password are never part of a message.
 */
public final class InfluxAdmin implements AutoCloseable {
    private final String url;
    private final String adminUser;
    private final InfluxDB influx;

    public InfluxAdmin(String url, String adminUser, String adminPassword) {
        this.url = url;
        this.adminUser = adminUser;
        OkHttpClient.Builder http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30));
        this.influx = InfluxDBFactory.connect(url, adminUser, adminPassword, http);
    }

    /** Fails unless the credentials are an admin's (SHOW USERS needs admin). */
    public void requireAdmin() {
        run("SHOW USERS", "SHOW USERS", "check the URL, that " + adminUser + " is an InfluxDB admin and that "
                + ProvisionerOptions.ADMIN_PASSWORD_ENV + " is its password");
    }

    public void createDatabase(String database) {
        run("CREATE DATABASE " + InfluxQl.identifier(database), "CREATE DATABASE " + database, null);
    }

    /** User name → admin flag. */
    public Map<String, Boolean> users() {
        Map<String, Boolean> users = new LinkedHashMap<>();
        for (List<Object> row : rows(run("SHOW USERS", "SHOW USERS", null))) {
            users.put((String) row.get(0), Boolean.TRUE.equals(row.get(1)));
        }
        return users;
    }

    /** Database → privilege (READ, WRITE, ALL PRIVILEGES, NO PRIVILEGES). */
    public Map<String, String> grants(String user) {
        Map<String, String> grants = new LinkedHashMap<>();
        for (List<Object> row : rows(run("SHOW GRANTS FOR " + InfluxQl.identifier(user), "SHOW GRANTS FOR " + user, null))) {
            if (!"NO PRIVILEGES".equals(row.get(1))) {
                grants.put((String) row.get(0), (String) row.get(1));
            }
        }
        return grants;
    }

    public void createUser(String user, String password) {
        run("CREATE USER " + InfluxQl.identifier(user) + " WITH PASSWORD " + InfluxQl.literal(password),
                "CREATE USER " + user + " WITH PASSWORD [hidden]", null);
    }

    public void setPassword(String user, String password) {
        run("SET PASSWORD FOR " + InfluxQl.identifier(user) + " = " + InfluxQl.literal(password),
                "SET PASSWORD FOR " + user + " = [hidden]", null);
    }

    public void revokeAdmin(String user) {
        run("REVOKE ALL PRIVILEGES FROM " + InfluxQl.identifier(user), "REVOKE ALL PRIVILEGES FROM " + user, null);
    }

    public void revokeAll(String user, String database) {
        run("REVOKE ALL ON " + InfluxQl.identifier(database) + " FROM " + InfluxQl.identifier(user),
                "REVOKE ALL ON " + database + " FROM " + user, null);
    }

    public void grant(String user, AccessPlan.Privilege privilege, String database) {
        run("GRANT " + privilege + " ON " + InfluxQl.identifier(database) + " TO " + InfluxQl.identifier(user),
                "GRANT " + privilege + " ON " + database + " TO " + user, null);
    }

    private QueryResult run(String statement, String shown, String hint) {
        QueryResult result;
        try {
            result = influx.query(new Query(statement, "", true));
        } catch (InfluxDBException e) {
            throw new IllegalStateException("InfluxDB at " + url + " did not run '" + shown + "' as " + adminUser + ": "
                    + e.getMessage() + (hint == null ? "" : "; " + hint), e);
        }
        String error = result.getError();
        if (error == null && result.getResults() != null) {
            error = result.getResults().stream().map(QueryResult.Result::getError)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (error != null) {
            throw new IllegalStateException("InfluxDB at " + url + " refused '" + shown + "' as " + adminUser + ": "
                    + error + (hint == null ? "" : "; " + hint));
        }
        return result;
    }

    private static List<List<Object>> rows(QueryResult result) {
        if (result.getResults() == null || result.getResults().isEmpty() || result.getResults().get(0).getSeries() == null) {
            return List.of();
        }
        return result.getResults().get(0).getSeries().stream()
                .flatMap(s -> s.getValues() == null ? java.util.stream.Stream.empty() : s.getValues().stream()).toList();
    }

    @Override
    public void close() {
        influx.close();
    }
}
