package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.access.GroupNames;
import io.dealerpulse.jobs.kpi.WindowCalculator;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.io.Serializable;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Investor-group isolation (DESIGN.md: a group sees its own sites only, in its own database with its
 * own read-only user, not a filtered view): every point of a site that belongs to a group is
 * written to the network database <em>and</em> copied to the group's database
 * {@code <prefix><group>}; the group's {@code comparison_*} point (scope {@code investor_group}) is
 * copied too. Other points (other sites, region and country comparisons, accounting) never reach a
 * group database. Group names are lower-cased and every character outside [a-z0-9_] becomes
 * {@code _}, so the database name needs no quoting.
 */
public final class GroupDatabases implements FlatMapFunction<InfluxPoint, InfluxPoint>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Measurements that describe one site and carry its {@code investor_group} tag. */
    static final Set<String> SITE_MEASUREMENTS = Set.of("staffing_window", ScorePoints.SITE_SCORE,
            ScorePoints.SITE_SCORE_DAILY, ScorePoints.TIER_CHANGE, ScorePoints.SITE_RANK_DAILY,
            ScorePoints.SITE_RANK_LIVE, ScorePoints.LEADERBOARD);
    static final Set<String> COMPARISONS = Set.of(ScorePoints.COMPARISON_DAILY, ScorePoints.COMPARISON_LIVE);

    private final String prefix;

    public GroupDatabases(String prefix) {
        if (!GroupNames.validPrefix(prefix)) {
            throw new IllegalArgumentException("group database prefix must match [a-z0-9_]+, got " + prefix);
        }
        this.prefix = prefix;
    }

    /** The database of a group, e.g. {@code dealerpulse_group_} + "Groupe Nord" → {@code dealerpulse_group_groupe_nord}. */
    public String databaseOf(String group) {
        return GroupNames.database(prefix, group);
    }

    @Override
    public void flatMap(InfluxPoint point, Collector<InfluxPoint> out) {
        out.collect(point);
        String group = groupOf(point);
        if (group != null) {
            out.collect(copy(point).database(databaseOf(group)));
        }
    }

    private static String groupOf(InfluxPoint point) {
        if (point.getDatabase() != null) {
            return null;
        }
        if (SITE_MEASUREMENTS.contains(point.getMeasurement())) {
            String group = point.getTags().get("investor_group");
            return group == null || group.equals(WindowCalculator.NO_INVESTOR_GROUP) ? null : group;
        }
        if (COMPARISONS.contains(point.getMeasurement())
                && DailyComparison.INVESTOR_GROUP.equals(point.getTags().get("scope"))) {
            return point.getTags().get("name");
        }
        return null;
    }

    private static InfluxPoint copy(InfluxPoint p) {
        InfluxPoint c = InfluxPoint.of(p.getMeasurement(), p.getTimestampMillis());
        c.setTags(new TreeMap<>(p.getTags()));
        c.setLongFields(new TreeMap<>(p.getLongFields()));
        c.setDoubleFields(new TreeMap<>(p.getDoubleFields()));
        c.setBooleanFields(new TreeMap<>(p.getBooleanFields()));
        c.setStringFields(new TreeMap<>(p.getStringFields()));
        c.setTombstone(p.isTombstone());
        return c;
    }
}
