package io.dealerpulse.jobs.access;

/** Quoting for the statements the provisioner builds, so names and passwords cannot change their meaning. */
final class InfluxQl {
    private InfluxQl() {}

    /** A double-quoted identifier: a user or database name. */
    static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A single-quoted string literal: a password. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
