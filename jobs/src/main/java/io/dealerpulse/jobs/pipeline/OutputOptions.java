package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.jobs.access.GroupNames;
import io.dealerpulse.jobs.health.HealthOptions;
import io.dealerpulse.jobs.score.GroupDatabases;
import java.io.Serializable;
import java.util.Objects;

/**
 * What {@link KpiPipeline} adds around its KPIs on the way to InfluxDB: the investor-group copies
 * ({@link GroupDatabases}, always on: DESIGN.md promises every group its own database; a network
 * without groups simply gets no copies) and the pipeline-health points.
 *
 * @param groupDatabasePrefix a group's database is this prefix + its normalised name, [a-z0-9_]+
 */
public record OutputOptions(String groupDatabasePrefix, HealthOptions health) implements Serializable {
    public static final String DEFAULT_GROUP_DATABASE_PREFIX = GroupNames.DEFAULT_DATABASE_PREFIX;

    public OutputOptions {
        Objects.requireNonNull(health, "health");
        new GroupDatabases(groupDatabasePrefix); // validates the prefix
    }

    public static OutputOptions defaults() {
        return new OutputOptions(DEFAULT_GROUP_DATABASE_PREFIX, HealthOptions.defaults());
    }

    public OutputOptions withGroupDatabasePrefix(String prefix) {
        return new OutputOptions(prefix, health);
    }

    public OutputOptions withHealth(HealthOptions options) {
        return new OutputOptions(groupDatabasePrefix, options);
    }
}
