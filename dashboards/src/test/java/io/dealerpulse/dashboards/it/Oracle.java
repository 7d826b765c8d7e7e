package io.dealerpulse.dashboards.it;

import io.dealerpulse.dashboards.it.InfluxRows.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a panel's query must return, computed in Java from the raw points the pipeline wrote (read
 * back with plain {@code SELECT *}), never from the panel's own InfluxQL: groupings, time buckets
 * (aligned on the epoch, like InfluxQL's GROUP BY time), sums, ratios, last values and spreads.
 */
final class Oracle {
    private Oracle() {}

    static List<Row> filter(List<Row> rows, Instant from, Instant to, Predicate<Row> predicate) {
        return rows.stream().filter(r -> !r.time().isBefore(from) && !r.time().isAfter(to)).filter(predicate).toList();
    }

    /** Group key → rows, groups in key order. */
    static Map<String, List<Row>> groupBy(List<Row> rows, Function<Row, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    static Instant bucket(Instant time, Duration interval) {
        long ms = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), ms) * ms);
    }

    /** Bucket start → value for the rows of each non-empty bucket. */
    static TreeMap<Instant, Double> perBucket(List<Row> rows, Duration interval, Function<List<Row>, Double> value) {
        TreeMap<Instant, List<Row>> buckets = rows.stream().collect(
                Collectors.groupingBy(r -> bucket(r.time(), interval), TreeMap::new, Collectors.toList()));
        TreeMap<Instant, Double> result = new TreeMap<>();
        buckets.forEach((b, rs) -> result.put(b, value.apply(rs)));
        return result;
    }

    static double sum(List<Row> rows, ToDoubleFunction<Row> value) {
        return rows.stream().mapToDouble(value).sum();
    }

    /** InfluxQL's sum(a) / sum(b): 0 when the divisor is 0. */
    static double ratio(List<Row> rows, String numerator, String denominator) {
        double d = sum(rows, r -> r.num(denominator));
        return d == 0 ? 0.0 : sum(rows, r -> r.num(numerator)) / d;
    }

    /** The row with the greatest time (InfluxQL last()). */
    static Row last(List<Row> rows) {
        Row last = rows.get(0);
        for (Row r : rows) {
            if (r.time().isAfter(last.time())) {
                last = r;
            }
        }
        return last;
    }

    /** InfluxQL's non_negative_difference(last(x)) over GROUP BY time buckets with fill(none). */
    static TreeMap<Instant, Double> nonNegativeDifferenceOfLast(List<Row> rows, Duration interval, String column) {
        TreeMap<Instant, Double> lasts = perBucket(rows, interval, rs -> last(rs).num(column));
        TreeMap<Instant, Double> result = new TreeMap<>();
        Double previous = null;
        for (Map.Entry<Instant, Double> e : lasts.entrySet()) {
            if (previous != null && e.getValue() - previous >= 0) {
                result.put(e.getKey(), e.getValue() - previous);
            }
            previous = e.getValue();
        }
        return result;
    }

    static List<String> sorted(java.util.Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
