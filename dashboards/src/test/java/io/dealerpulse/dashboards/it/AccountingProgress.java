package io.dealerpulse.dashboards.it;

import io.dealerpulse.dashboards.it.InfluxRows.Series;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.util.Map;
import java.util.TreeMap;

/** How far the job has read, from what it wrote: {@code stream_accounting} totals and point counts. */
final class AccountingProgress {
    private final InfluxEndpoint influx;
    private final String database;

    AccountingProgress(InfluxEndpoint influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** Sum over sites of the newest {@code received} of each stream: stream tag → records read. */
    Map<String, Long> receivedPerStream() {
        Map<String, Long> totals = new TreeMap<>();
        for (Series s : InfluxRows.series(influx.query(database,
                "SELECT \"received\" FROM \"stream_accounting\" GROUP BY \"stream\", \"site\" ORDER BY time DESC LIMIT 1"))) {
            totals.merge(s.tags().get("stream"), (long) s.rows().get(0).num("received"), Long::sum);
        }
        return totals;
    }

    /** Points of a measurement (every point carries the field of {@code count(*)}). */
    static long count(InfluxEndpoint influx, String database, String measurement) {
        long total = 0;
        for (Series s : InfluxRows.series(influx.query(database, "SELECT count(*) FROM \"" + measurement + "\""))) {
            total += s.rows().get(0).values().values().stream().skip(1)
                    .mapToLong(v -> v.isNull() ? 0 : v.asLong()).max().orElse(0);
        }
        return total;
    }
}
