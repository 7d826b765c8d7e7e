package io.dealerpulse.jobs.reprocess;

import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The range of the replay-equal measurements in the job's InfluxDB database and in the
 * investor-group databases (which hold copies of their sites' points), as a reprocessing replaces
 * it: {@link #delete} before the job runs (InfluxQL {@code DELETE ... WHERE time >= from AND time <
 * to}, one statement per measurement and database), {@link #count} for the summary.
 *
 * <p>Why delete-first rather than write-to-a-fresh-database-then-swap: InfluxDB 1.x cannot rename
 * or swap a database, and dashboards, users and grants (the investor groups' read-only users) name
 * it; a swap would mean copying every other range into the fresh database ({@code SELECT INTO}
 * keeps neither field types reliably nor tags as tags unless {@code GROUP BY *}) and re-granting.
 * Delete-first keeps the database and touches only the range. The price: while the job runs (and if
 * it fails) the range is empty on the dashboards; running the same command again fills it (the
 * reprocessing is idempotent). Run it at a quiet time, or for short ranges.
 */
public final class InfluxRangeStore implements AutoCloseable {
    private final InfluxDB influx;
    private final String database;
    private final String groupDatabasePrefix;

    /**
     * @param groupDatabasePrefix the investor-group databases ({@code <prefix><group>}, see
     *     {@code GroupDatabases}) hold copies of their sites' points: the range is replaced there too
     */
    public InfluxRangeStore(InfluxDbSinkOptions options, String groupDatabasePrefix) {
        OkHttpClient.Builder http = new OkHttpClient.Builder().readTimeout(5, TimeUnit.MINUTES);
        boolean anonymous = options.user() == null || options.user().isEmpty();
        this.influx = anonymous ? InfluxDBFactory.connect(options.url(), http)
                : InfluxDBFactory.connect(options.url(), options.user(), options.password(), http);
        this.database = options.database();
        this.groupDatabasePrefix = groupDatabasePrefix;
    }

    /**
     * The investor-group databases that exist now (those the user can see whose name starts with the
     * prefix). A group that appears during the reprocessing has no old points to delete.
     */
    public List<String> groupDatabases() {
        List<String> groups = new ArrayList<>();
        QueryResult result = run("SHOW DATABASES", database, false);
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                for (List<Object> row : series.getValues()) {
                    String name = String.valueOf(row.get(0));
                    if (name.startsWith(groupDatabasePrefix) && !name.equals(database)) {
                        groups.add(name);
                    }
                }
            }
        }
        Collections.sort(groups);
        return groups;
    }

    /** Deletes every point of {@code measurements} stored in the range, in the database and every group database. */
    public void delete(ReprocessRange range, List<String> measurements) {
        List<String> databases = new ArrayList<>(List.of(database));
        databases.addAll(groupDatabases());
        for (String db : databases) {
            for (String measurement : measurements) {
                run("DELETE FROM \"" + measurement + "\" WHERE " + timeCondition(range), db, true);
            }
        }
    }

    /** Points per measurement stored in the range (the largest field count of each). */
    public Map<String, Long> count(ReprocessRange range, List<String> measurements) {
        return count(database, range, measurements);
    }

    /** As {@link #count(ReprocessRange, List)}, in {@code db}. */
    public Map<String, Long> count(String db, ReprocessRange range, List<String> measurements) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String measurement : measurements) {
            QueryResult result = run("SELECT count(*) FROM \"" + measurement + "\" WHERE " + timeCondition(range), db,
                    false);
            long max = 0;
            for (QueryResult.Result r : result.getResults()) {
                if (r.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series s : r.getSeries()) {
                    for (Object cell : s.getValues().get(0).subList(1, s.getValues().get(0).size())) {
                        if (cell instanceof Number n) {
                            max = Math.max(max, n.longValue());
                        }
                    }
                }
            }
            counts.put(measurement, max);
        }
        return counts;
    }

    static String timeCondition(ReprocessRange range) {
        return "time >= '" + range.from() + "' AND time < '" + range.to() + "'";
    }

    private QueryResult run(String statement, String db, boolean changesData) {
        QueryResult result = influx.query(new Query(statement, db, changesData));
        String error = result.getError();
        if (error == null && result.getResults() != null) {
            error = result.getResults().stream().map(QueryResult.Result::getError)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (error != null) {
            throw new IllegalStateException("InfluxDB refused '" + statement + "' on database " + db + ": " + error
                    + (changesData ? "; the writing user needs ALL privileges (DELETE) on the database" : ""));
        }
        return result;
    }

    @Override
    public void close() {
        influx.close();
    }
}
