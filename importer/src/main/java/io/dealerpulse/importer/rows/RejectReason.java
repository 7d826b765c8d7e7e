package io.dealerpulse.importer.rows;

/**
 * Why a row was rejected: the machine-readable code written to the dead letter's {@code reason} and
 * counted in the summary. Each code names one thing the sender of the file can fix.
 */
public enum RejectReason {
    /** The line could not be split into values (unbalanced quotes, wrong number of values, bad JSON). */
    MALFORMED_ROW,
    /** A required column is absent or empty. */
    MISSING_FIELD,
    /** A value is not of the expected kind (not a number, not a country code, ...). */
    BAD_VALUE,
    /** The time zone is not an IANA region id such as Europe/Paris. */
    BAD_TIME_ZONE,
    /** A date or date-time is not ISO-8601, or a local time does not exist in the site's zone. */
    BAD_DATE_TIME,
    /** A local time without offset, and no time zone known for the site (no --registry, or not in it). */
    NO_TIME_ZONE,
    /** Opening hours or dated exceptions that cannot be read or contradict themselves. */
    BAD_OPENING_HOURS,
    /** A number outside its allowed range (scores, target band, coordinates). */
    OUT_OF_RANGE,
    /** A site id that the registry given with --registry does not list. */
    UNKNOWN_SITE,
    /** An appointment action other than BOOKED, RESCHEDULED, CANCELLED. */
    UNKNOWN_ACTION,
    /** A survey channel other than PHONE, EMAIL, KIOSK, MYSTERY_VISIT. */
    UNKNOWN_CHANNEL,
    /** A row with the same keys (hence the same event id) as an earlier row of the same file. */
    DUPLICATE_ROW
}
