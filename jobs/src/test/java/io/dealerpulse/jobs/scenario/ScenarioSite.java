package io.dealerpulse.jobs.scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * One dealership of the scenario with its named local instants on the scenario day. {@code intervals}
 * are the scenario day's opening intervals in force, as "HH:mm-HH:mm".
 */
public record ScenarioSite(String id, ZoneId zone, LocalDate day, List<String> intervals) {
    /** A local time of the scenario day ("10:07:30") as an instant. */
    public Instant at(String localTime) {
        return LocalTime.parse(localTime).atDate(day).atZone(zone).toInstant();
    }

    public Instant opening() {
        return at(intervals.get(0).split("-")[0]);
    }

    public Instant closing() {
        return at(intervals.get(intervals.size() - 1).split("-")[1]);
    }

    /** End of the first opening interval: the start of the lunch closure when there is one. */
    public Instant lunchStart() {
        return at(intervals.get(0).split("-")[1]);
    }

    public Instant lunchEnd() {
        return at(intervals.get(intervals.size() - 1).split("-")[0]);
    }

    public boolean hasLunchClosure() {
        return intervals.size() > 1;
    }

    public Instant localMidnight() {
        return day.atStartOfDay(zone).toInstant();
    }

    public Instant nextLocalMidnight() {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Opening intervals of the scenario day as [open, close) instants. */
    public List<Instant[]> openIntervals() {
        return intervals.stream().map(i -> new Instant[] {at(i.split("-")[0]), at(i.split("-")[1])}).toList();
    }
}
