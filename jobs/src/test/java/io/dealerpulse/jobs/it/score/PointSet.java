package io.dealerpulse.jobs.it.score;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every point of some measurements of one InfluxDB database, keyed by measurement, all tags and
 * time (what makes a point unique in InfluxDB), for comparing two runs' output exactly: a restart,
 * a savepoint upgrade and a reprocessing must give the same set (DESIGN.md, replay equality).
 */
final class PointSet {
    private final SortedMap<String, StoredPoint> points;

    private PointSet(SortedMap<String, StoredPoint> points) {
        this.points = points;
    }

    /** Reads every point of {@code measurements}. */
    static PointSet read(ScoreReadback readback, Collection<String> measurements) {
        SortedMap<String, StoredPoint> points = new TreeMap<>();
        for (String measurement : measurements) {
            for (StoredPoint p : readback.points(measurement, null)) {
                points.put(key(measurement, p), p);
            }
        }
        return new PointSet(points);
    }

    /** The points whose key (measurement, tags, time) passes {@code keep}. */
    PointSet filter(Predicate<Entry> keep) {
        SortedMap<String, StoredPoint> kept = new TreeMap<>();
        points.forEach((key, p) -> {
            if (keep.test(new Entry(key.substring(0, key.indexOf(' ')), p))) {
                kept.put(key, p);
            }
        });
        return new PointSet(kept);
    }

    /** Points per measurement. */
    Map<String, Long> countsPerMeasurement() {
        Map<String, Long> counts = new TreeMap<>();
        points.keySet().forEach(k -> counts.merge(k.substring(0, k.indexOf(' ')), 1L, Long::sum));
        return counts;
    }

    int size() {
        return points.size();
    }

    SortedMap<String, StoredPoint> points() {
        return points;
    }

    static String key(String measurement, StoredPoint p) {
        return measurement + " " + p.tags() + " " + p.time();
    }

    /** A point with the measurement it belongs to. */
    record Entry(String measurement, StoredPoint point) {
        Instant time() {
            return point.time();
        }

        String tag(String name) {
            return point.tags().get(name);
        }
    }

    /** Measurement names in a stable order, for reports. */
    static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().toList();
    }
}
