package io.dealerpulse.jobs.app;

import static io.dealerpulse.jobs.app.JobOptions.HEALTH_DOOR_SILENT_MIN_CHECK_INS;
import static io.dealerpulse.jobs.app.JobOptions.HEALTH_DOOR_SILENT_SPAN;
import static io.dealerpulse.jobs.app.JobOptions.HEALTH_EMIT_INTERVAL;
import static io.dealerpulse.jobs.app.JobOptions.INFLUX_GROUP_DATABASE_PREFIX;

import io.dealerpulse.jobs.app.JobOptions.Key;
import io.dealerpulse.jobs.health.HealthOptions;
import io.dealerpulse.jobs.pipeline.OutputOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/** Reads the investor-group and {@code health.*} keys of {@link JobOptions} into {@link OutputOptions}. */
final class OutputOptionKeys {
    private OutputOptionKeys() {}

    static void check(Map<String, String> values, List<String> problems) {
        String prefix = get(values, INFLUX_GROUP_DATABASE_PREFIX);
        if (!prefix.matches("[a-z0-9_]+")) {
            problems.add(INFLUX_GROUP_DATABASE_PREFIX.name() + ": '" + prefix + "' must match [a-z0-9_]+ (it starts"
                    + " database names that need no quoting), e.g. " + OutputOptions.DEFAULT_GROUP_DATABASE_PREFIX);
        }
        Duration interval = duration(values, HEALTH_EMIT_INTERVAL, problems);
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            problems.add(HEALTH_EMIT_INTERVAL.name() + ": '" + get(values, HEALTH_EMIT_INTERVAL) + "' must be longer than zero");
        }
        Duration span = duration(values, HEALTH_DOOR_SILENT_SPAN, problems);
        if (span != null && (span.toMinutes() < 15 || span.toMillis() % Duration.ofMinutes(15).toMillis() != 0)) {
            problems.add(HEALTH_DOOR_SILENT_SPAN.name() + ": '" + get(values, HEALTH_DOOR_SILENT_SPAN)
                    + "' must be a positive multiple of 15 min (windows are quarter-hours), e.g. 45 min, 1 h");
        }
        String checkIns = get(values, HEALTH_DOOR_SILENT_MIN_CHECK_INS);
        try {
            if (Integer.parseInt(checkIns) < 1) {
                problems.add(HEALTH_DOOR_SILENT_MIN_CHECK_INS.name() + ": " + checkIns + " must be at least 1");
            }
        } catch (NumberFormatException e) {
            problems.add(HEALTH_DOOR_SILENT_MIN_CHECK_INS.name() + ": '" + checkIns + "' is not a whole number");
        }
    }

    /** The options of checked values (call {@link #check} first). */
    static OutputOptions read(Map<String, String> values) {
        HealthOptions health = HealthOptions.defaults()
                .withEmitInterval(TimeUtils.parseDuration(get(values, HEALTH_EMIT_INTERVAL)))
                .withDoorSilentSpan(TimeUtils.parseDuration(get(values, HEALTH_DOOR_SILENT_SPAN)))
                .withDoorSilentMinCheckIns(Integer.parseInt(get(values, HEALTH_DOOR_SILENT_MIN_CHECK_INS)));
        return new OutputOptions(get(values, INFLUX_GROUP_DATABASE_PREFIX), health);
    }

    private static String get(Map<String, String> values, Key key) {
        return values.getOrDefault(key.name(), key.defaultValue());
    }

    private static Duration duration(Map<String, String> values, Key key, List<String> problems) {
        String text = get(values, key);
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            problems.add(key.name() + ": '" + text + "' is not a duration; write e.g. 10 s, 45 min, 1 h");
            return null;
        }
    }
}
