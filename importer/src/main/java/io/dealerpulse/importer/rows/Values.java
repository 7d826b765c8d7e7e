package io.dealerpulse.importer.rows;

import io.dealerpulse.importer.read.SourceRow;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/** Reading typed values from a row's text, with the rejection that names the column and the fix. */
public final class Values {
    private Values() {}

    public static String required(SourceRow row, String column) throws RowRejection {
        String value = row.value(column);
        if (value == null) {
            throw new RowRejection(RejectReason.MISSING_FIELD, "column '" + column + "' is missing or empty");
        }
        return value;
    }

    public static String optional(SourceRow row, String column) {
        return row.value(column);
    }

    /** An integer in [min, max], or null when the column is empty. */
    public static Integer optionalInt(SourceRow row, String column, int min, int max) throws RowRejection {
        String text = row.value(column);
        if (text == null) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RowRejection(RejectReason.BAD_VALUE, "column '" + column + "' must be a whole number from "
                    + min + " to " + max + ", got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new RowRejection(RejectReason.OUT_OF_RANGE, "column '" + column + "' must be from " + min + " to "
                    + max + ", got " + value);
        }
        return value;
    }

    /** A decimal number in [min, max] (a comma is accepted as the decimal mark), or null when empty. */
    public static Double optionalDouble(SourceRow row, String column, double min, double max) throws RowRejection {
        String text = row.value(column);
        if (text == null) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new RowRejection(RejectReason.BAD_VALUE, "column '" + column + "' must be a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new RowRejection(RejectReason.OUT_OF_RANGE, "column '" + column + "' must be from " + min + " to "
                    + max + ", got " + text);
        }
        return value;
    }

    public static double requiredDouble(SourceRow row, String column, double min, double max) throws RowRejection {
        required(row, column);
        return optionalDouble(row, column, min, max);
    }

    /** An IANA region id (Europe/Paris, Indian/Reunion); fixed offsets and abbreviations are refused. */
    public static ZoneId timeZone(SourceRow row, String column) throws RowRejection {
        String text = required(row, column);
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw new RowRejection(RejectReason.BAD_TIME_ZONE, "column '" + column + "' must be an IANA time zone"
                    + " such as Europe/Paris or America/Martinique, got '" + text + "'");
        }
        return ZoneId.of(text);
    }

    public static LocalDate date(String text, String what) throws RowRejection {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new RowRejection(RejectReason.BAD_DATE_TIME, what + " must be an ISO-8601 date such as 2025-03-10,"
                    + " got '" + text + "'");
        }
    }
}
