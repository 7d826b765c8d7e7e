package io.dealerpulse.simulator.network;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Opening intervals per weekday (a lunch closure = two intervals); a weekday without intervals is closed. */
public record WeeklyHours(Map<DayOfWeek, List<Interval>> days) {

    public WeeklyHours {
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, intervals) -> copy.put(day, List.copyOf(intervals)));
        days = java.util.Collections.unmodifiableMap(copy);
    }

    /** Monday to Friday with a lunch closure, Saturday morning, Sunday closed. */
    public static WeeklyHours weekdaysAndSaturdayMorning(Interval morning, Interval afternoon, Interval saturday) {
        Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            days.put(day, List.of(morning, afternoon));
        }
        days.put(DayOfWeek.SATURDAY, List.of(saturday));
        return new WeeklyHours(days);
    }

    public List<Interval> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    /**
     * The importer's {@code opening_hours} column, e.g. {@code mon=08:00-12:00,13:30-18:30;...;sat=08:30-12:30}
     * (one entry per open day; unlisted days are closed).
     */
    public String toImporterText() {
        return days.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey().name().substring(0, 3).toLowerCase(java.util.Locale.ROOT) + "="
                        + e.getValue().stream().map(Interval::toString).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }
}
