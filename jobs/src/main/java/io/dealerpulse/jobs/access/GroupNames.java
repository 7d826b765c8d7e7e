package io.dealerpulse.jobs.access;

import java.util.Locale;

/**
 * How an investor group's name becomes part of a database or user name: lower-cased, every character
 * outside [a-z0-9_] replaced by {@code _}, so the names need no quoting. Free of Flink types: the
 * provisioner runs with plain {@code java -cp dealerpulse-jobs.jar}, where Flink is not on the classpath.
 */
public final class GroupNames {
    public static final String DEFAULT_DATABASE_PREFIX = "dealerpulse_group_";

    private GroupNames() {}

    /** e.g. "Groupe Nord" → {@code groupe_nord}. */
    public static String normalised(String group) {
        return group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** The group's database, e.g. {@code dealerpulse_group_} + "Groupe Nord" → {@code dealerpulse_group_groupe_nord}. */
    public static String database(String prefix, String group) {
        return prefix + normalised(group);
    }

    /** A prefix must keep names quote-free. */
    public static boolean validPrefix(String prefix) {
        return prefix != null && prefix.matches("[a-z0-9_]+");
    }
}
