package io.dealerpulse.importer.rows;

import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.LocalInterval;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.Weekday;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The opening-hours syntax of the registry files.
 *
 * <p>Weekly hours: {@code mon=08:00-12:00,14:00-18:00;tue-fri=08:00-18:00;sat=08:30-12:00}. Days are
 * {@code mon tue wed thu fri sat sun}, alone or as a range {@code mon-fri}; several intervals a day
 * are separated by commas (a lunch closure); a day not listed, or listed as {@code closed}, is closed.
 * Intervals are local [open, close), {@code HH:mm}, close up to {@code 24:00}, and must not overlap.
 *
 * <p>Dated exceptions: {@code 2025-12-25=closed|Noël;2025-12-24=08:00-12:00|Veille de Noël}: a date,
 * its hours ({@code closed} or intervals as above) and an optional reason after {@code |}. Each
 * replaces that date's weekday hours. A reason cannot contain {@code ;}.
 */
public final class OpeningHoursParser {
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final String CLOSED = "closed";

    private OpeningHoursParser() {}

    public static List<OpeningInterval> weekly(String text) throws RowRejection {
        Map<Weekday, List<int[]>> byDay = new EnumMap<>(Weekday.class);
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw bad("'" + entry.strip() + "' is not day=hours (e.g. mon=08:00-12:00,14:00-18:00)");
            }
            List<int[]> intervals = intervals(entry.substring(equals + 1).strip());
            for (Weekday day : days(entry.substring(0, equals).strip().toLowerCase(Locale.ROOT))) {
                if (byDay.put(day, intervals) != null) {
                    throw bad(day.name().toLowerCase(Locale.ROOT) + " is given twice: give each weekday once");
                }
            }
        }
        List<OpeningInterval> weekly = new ArrayList<>();
        byDay.forEach((day, intervals) -> intervals.forEach(i -> weekly.add(OpeningInterval.newBuilder()
                .setDayOfWeek(day).setOpenMinute(i[0]).setCloseMinute(i[1]).build())));
        if (weekly.isEmpty()) {
            throw bad("no opening interval on any weekday: a site that never opens has no KPI");
        }
        return weekly;
    }

    public static List<DatedException> exceptions(String text) throws RowRejection {
        List<DatedException> exceptions = new ArrayList<>();
        Set<LocalDate> dates = new HashSet<>();
        if (text == null) {
            return exceptions;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw bad("exception '" + entry.strip() + "' is not date=hours (e.g. 2025-12-25=closed|Noël)");
            }
            LocalDate date = Values.date(entry.substring(0, equals).strip(), "an exception's date");
            if (!dates.add(date)) {
                throw bad("the exception for " + date + " is given twice: give each date once");
            }
            String rest = entry.substring(equals + 1);
            int bar = rest.indexOf('|');
            String hours = (bar < 0 ? rest : rest.substring(0, bar)).strip();
            String reason = bar < 0 ? null : rest.substring(bar + 1).strip();
            List<LocalInterval> intervals = intervals(hours).stream()
                    .map(i -> LocalInterval.newBuilder().setOpenMinute(i[0]).setCloseMinute(i[1]).build())
                    .toList();
            exceptions.add(DatedException.newBuilder().setDate(date).setIntervals(intervals)
                    .setReason(reason == null || reason.isEmpty() ? null : reason).build());
        }
        exceptions.sort(Comparator.comparing(DatedException::getDate));
        return exceptions;
    }

    private static List<Weekday> days(String text) throws RowRejection {
        int dash = text.indexOf('-');
        int from = day(dash < 0 ? text : text.substring(0, dash).strip());
        int to = dash < 0 ? from : day(text.substring(dash + 1).strip());
        if (to < from) {
            throw bad("day range '" + text + "' runs backwards: write it from mon towards sun");
        }
        return List.of(Weekday.values()).subList(from, to + 1);
    }

    private static int day(String text) throws RowRejection {
        int index = DAYS.indexOf(text);
        if (index < 0) {
            throw bad("'" + text + "' is not a weekday: use mon, tue, wed, thu, fri, sat, sun");
        }
        return index;
    }

    /** Sorted, non-overlapping [open, close) minute pairs; empty for "closed". */
    private static List<int[]> intervals(String text) throws RowRejection {
        List<int[]> intervals = new ArrayList<>();
        if (text.equalsIgnoreCase(CLOSED)) {
            return intervals;
        }
        for (String part : text.split(",")) {
            String interval = part.strip();
            int dash = interval.indexOf('-');
            if (dash < 0) {
                throw bad("'" + interval + "' is not an interval HH:mm-HH:mm (or 'closed')");
            }
            int open = minute(interval.substring(0, dash).strip());
            int close = minute(interval.substring(dash + 1).strip());
            if (open >= 1440 || close <= open) {
                throw bad("interval '" + interval + "' must open before it closes, within the day");
            }
            intervals.add(new int[] {open, close});
        }
        intervals.sort(Comparator.comparingInt(i -> i[0]));
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i)[0] < intervals.get(i - 1)[1]) {
                throw bad("intervals '" + text + "' overlap: list separate intervals");
            }
        }
        return intervals;
    }

    private static int minute(String hhmm) throws RowRejection {
        if (!hhmm.matches("\\d{1,2}:\\d{2}")) {
            throw bad("'" + hhmm + "' is not a time HH:mm");
        }
        int colon = hhmm.indexOf(':');
        int hours = Integer.parseInt(hhmm.substring(0, colon));
        int minutes = Integer.parseInt(hhmm.substring(colon + 1));
        if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0)) {
            throw bad("'" + hhmm + "' is not a time of day (00:00 to 24:00)");
        }
        return hours * 60 + minutes;
    }

    private static RowRejection bad(String detail) {
        return new RowRejection(RejectReason.BAD_OPENING_HOURS, detail);
    }
}
