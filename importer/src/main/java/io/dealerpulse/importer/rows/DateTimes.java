package io.dealerpulse.importer.rows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * ISO-8601 date-times as exports write them: {@code 2025-03-10T09:30:00+01:00}, {@code ...Z}, or a
 * local {@code 2025-03-10T09:30} (a space instead of the 'T' and omitted seconds are accepted) read in
 * the site's time zone. Results are truncated to milliseconds, the precision of the Avro fields.
 *
 * <p>A local time in a daylight-saving gap (e.g. 02:30 on the last Sunday of March in Paris) does not
 * exist and is rejected rather than guessed; one in the repeated autumn hour takes the earlier
 * (summer) offset, as {@link java.time.ZonedDateTime#ofLocal} does — write the offset to choose.
 */
public final class DateTimes {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private DateTimes() {}

    /**
     * The instant written in {@code text}; {@code zone} (nullable) reads a local time; a bare date is
     * accepted when {@code dateMeansStartOfDay} (an effective date: local midnight).
     */
    public static Instant instant(String text, String column, ZoneId zone, boolean dateMeansStartOfDay)
            throws RowRejection {
        TemporalAccessor parsed;
        try {
            parsed = FORMAT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        } catch (DateTimeException e) {
            if (dateMeansStartOfDay) {
                return startOfDay(text, column, zone);
            }
            throw unparsable(text, column);
        }
        if (parsed instanceof OffsetDateTime withOffset) {
            return withOffset.toInstant().truncatedTo(ChronoUnit.MILLIS);
        }
        LocalDateTime local = (LocalDateTime) parsed;
        if (zone == null) {
            throw noZone(column);
        }
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw new RowRejection(RejectReason.BAD_DATE_TIME, "column '" + column + "': " + text + " does not exist in "
                    + zone + " (clocks jump forward then): check the time or write it with its offset");
        }
        return local.atZone(zone).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant startOfDay(String text, String column, ZoneId zone) throws RowRejection {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw unparsable(text, column);
        }
        if (zone == null) {
            throw noZone(column);
        }
        return date.atStartOfDay(zone).toInstant();
    }

    private static RowRejection unparsable(String text, String column) {
        return new RowRejection(RejectReason.BAD_DATE_TIME, "column '" + column + "' must be an ISO-8601 date-time"
                + " such as 2025-03-10T09:30:00+01:00 (or 2025-03-10T09:30 in the site's time zone), got '" + text + "'");
    }

    private static RowRejection noZone(String column) {
        return new RowRejection(RejectReason.NO_TIME_ZONE, "column '" + column + "' is a local time but the site's"
                + " time zone is unknown: write the offset (e.g. +01:00) or pass --registry with a file listing the site");
    }
}
