package io.dealerpulse.jobs.oracle.score;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.oracle.SiteVersions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The five components of one site as of an instant T, each recomputed from scratch from the site's
 * used events known at T (event time ≤ T, arrived before the horizon), per DESIGN.md "Score
 * components". "today" = the local date of T in the zone of the registry version in force at T.
 *
 * <p>For speed only, the footfall and kiosk events are bucketed by local date once and the registry
 * answers (open slots of a date, is an instant in an open slot) are cached; every figure is then
 * derived from those lists with no state carried between instants.
 *
 * <p>Readings of DESIGN.md where it leaves a choice (also in the report of the IT):
 * a visit counts for waiting only if its first check-in is in an open window (as for the window's
 * check-ins); an appointment counts only if it is due in an open window ("today's due
 * appointments"); a feedback press counts only in an open slot (docs/kpis.md: an event in a slot that
 * is not open counts nowhere, its accounting bucket is outside_opening_hours).
 */
final class ComponentCalculator {
    private static final double SLOT_SECONDS = 900.0;

    private final SiteHistory site;
    private final ScoreSettings settings;
    private final Map<LocalDate, List<UsedEvent>> agentEventsByDate = new HashMap<>();
    private final List<UsedEvent> appointments = new ArrayList<>();
    private final List<UsedEvent> surveys = new ArrayList<>();
    private final List<UsedEvent> presses = new ArrayList<>();
    private final Map<String, List<UsedEvent>> checkInsByRef = new HashMap<>();
    private final Map<String, List<UsedEvent>> servedByVisit = new HashMap<>();
    private final Map<LocalDate, List<Instant>> openSlotsByDate = new HashMap<>();
    private final Map<Instant, Boolean> openByInstant = new HashMap<>();

    ComponentCalculator(SiteHistory site, ScoreSettings settings) {
        this.site = site;
        this.settings = settings;
        for (UsedEvent used : site.events) {
            if (used.record() instanceof AppointmentEvent) {
                appointments.add(used);
            } else if (used.record() instanceof SurveyResponse) {
                surveys.add(used);
            } else {
                agentEventsByDate.computeIfAbsent(localDate(used.time()), d -> new ArrayList<>()).add(used);
                if (used.record() instanceof KioskEvent k) {
                    if (k.getType() == KioskEventType.FEEDBACK && k.getFeedbackScore() != null) {
                        presses.add(used);
                    } else if (k.getType() == KioskEventType.CHECK_IN && k.getAppointmentRefPseudonym() != null) {
                        checkInsByRef.computeIfAbsent(k.getAppointmentRefPseudonym(), r -> new ArrayList<>()).add(used);
                    } else if (k.getType() == KioskEventType.SERVED && k.getVisitId() != null) {
                        servedByVisit.computeIfAbsent(k.getVisitId(), v -> new ArrayList<>()).add(used);
                    }
                }
            }
        }
    }

    /** Null when no registry version is in force at T (no score there). */
    List<Component> componentsAt(Instant t, long horizon) {
        SiteRegistryVersion version = site.versions.inForceAt(t);
        if (version == null) {
            return null;
        }
        LocalDate today = t.atZone(SiteVersions.zone(version)).toLocalDate();
        return List.of(satisfaction(t, horizon, today), waiting(t, horizon, today), staffing(t, horizon, today, version),
                appointments(t, horizon, today, version), feedback(t, horizon, today, version));
    }

    Component satisfaction(Instant t, long horizon, LocalDate today) {
        LocalDate from = today.minusDays(settings.satisfactionDays() - 1L);
        long n = 0;
        long promoters = 0;
        long detractors = 0;
        for (UsedEvent used : surveys) {
            SurveyResponse s = (SurveyResponse) used.record();
            if (!used.knownAt(t, horizon) || s.getNpsScore() == null
                    || s.getVisitDate().isBefore(from) || s.getVisitDate().isAfter(today)) {
                continue;
            }
            n++;
            if (s.getNpsScore() >= 9) {
                promoters++;
            } else if (s.getNpsScore() <= 6) {
                detractors++;
            }
        }
        return Component.nps("satisfaction", promoters, detractors, n, settings.minSurveys());
    }

    Component waiting(Instant t, long horizon, LocalDate today) {
        Map<String, KioskEvent> firstCheckIns = new TreeMap<>();
        for (UsedEvent used : agentEventsByDate.getOrDefault(today, List.of())) {
            if (used.knownAt(t, horizon) && used.record() instanceof KioskEvent k
                    && k.getType() == KioskEventType.CHECK_IN && k.getVisitId() != null) {
                firstCheckIns.merge(k.getVisitId(), k, ComponentCalculator::earlierCheckIn);
            }
        }
        long target = settings.waitingTarget().toMillis();
        long good = 0;
        long counted = 0;
        for (KioskEvent checkIn : firstCheckIns.values()) {
            if (!inOpenSlot(checkIn.getEventTime())) {
                continue;
            }
            Instant served = firstServed(checkIn.getVisitId(), checkIn.getEventTime(), t, horizon);
            if (served != null) {
                counted++;
                if (served.toEpochMilli() - checkIn.getEventTime().toEpochMilli() <= target) {
                    good++;
                }
            } else if (t.toEpochMilli() - checkIn.getEventTime().toEpochMilli() > target) {
                counted++; // still waiting past the target: a failure
            }
        }
        return Component.share("waiting", good, counted, 1);
    }

    Component staffing(Instant t, long horizon, LocalDate today, SiteRegistryVersion atT) {
        ZoneId zone = SiteVersions.zone(atT);
        List<UsedEvent> todays = agentEventsByDate.getOrDefault(today, List.of());
        List<FootfallEvent> entries = new ArrayList<>();
        Map<String, List<KioskEvent>> duty = new TreeMap<>();
        for (UsedEvent used : todays) {
            if (!used.knownAt(t, horizon)) {
                continue;
            }
            if (used.record() instanceof FootfallEvent f) {
                if (f.getReceptionDoor() && f.getDirection() == Direction.IN) {
                    entries.add(f);
                }
            } else if (used.record() instanceof KioskEvent k && k.getAdvisorPseudonym() != null
                    && (k.getType() == KioskEventType.SIGN_ON || k.getType() == KioskEventType.SIGN_OFF)) {
                duty.computeIfAbsent(k.getAdvisorPseudonym(), a -> new ArrayList<>()).add(k);
            }
        }
        List<Instant[]> dutyIntervals = new ArrayList<>();
        duty.values().forEach(advisor -> dutyIntervals.addAll(dutyIntervals(advisor)));
        long ok = 0;
        long scored = 0;
        for (Instant start : openSlotsOf(today, zone)) {
            Instant end = start.plus(Duration.ofMinutes(15));
            if (end.isAfter(t)) {
                continue;
            }
            SiteRegistryVersion version = site.versions.inForceAt(start);
            String status = windowStatus(entries, dutyIntervals, start, end, version);
            if (!status.equals("idle")) {
                scored++;
                if (status.equals("ok")) {
                    ok++;
                }
            }
        }
        return Component.share("staffing", ok, scored, 1);
    }

    Component appointments(Instant t, long horizon, LocalDate today, SiteRegistryVersion atT) {
        Map<String, AppointmentEvent> latest = new TreeMap<>();
        for (UsedEvent used : appointments) {
            if (used.knownAt(t, horizon)) {
                AppointmentEvent a = (AppointmentEvent) used.record();
                latest.merge(a.getAppointmentRefPseudonym(), a, ComponentCalculator::laterAction);
            }
        }
        ZoneId zone = SiteVersions.zone(atT);
        long target = settings.appointmentTarget().toMillis();
        long ok = 0;
        long counted = 0;
        for (AppointmentEvent state : latest.values()) {
            Instant scheduled = state.getScheduledTime();
            if (state.getAction() == AppointmentAction.CANCELLED || scheduled.isAfter(t)
                    || !scheduled.atZone(zone).toLocalDate().equals(today) || !inOpenSlot(scheduled)) {
                continue;
            }
            KioskEvent checkIn = null;
            for (UsedEvent used : checkInsByRef.getOrDefault(state.getAppointmentRefPseudonym(), List.of())) {
                if (used.knownAt(t, horizon)) {
                    checkIn = checkIn == null ? (KioskEvent) used.record() : earlierCheckIn(checkIn, (KioskEvent) used.record());
                }
            }
            Instant reference = checkIn != null && checkIn.getEventTime().isAfter(scheduled) ? checkIn.getEventTime() : scheduled;
            Instant served = checkIn == null ? null : firstServed(checkIn.getVisitId(), checkIn.getEventTime(), t, horizon);
            long deadline = reference.toEpochMilli() + target;
            if (served != null) {
                counted++;
                if (served.toEpochMilli() <= deadline) {
                    ok++;
                }
            } else if (t.toEpochMilli() > deadline) {
                counted++; // unserved (no-show included) past the deadline: a failure
            }
        }
        return Component.share("appointments", ok, counted, 1);
    }

    Component feedback(Instant t, long horizon, LocalDate today, SiteRegistryVersion atT) {
        ZoneId zone = SiteVersions.zone(atT);
        LocalDate from = today.minusDays(settings.feedbackDays() - 1L);
        long positive = 0;
        long n = 0;
        for (UsedEvent used : presses) {
            LocalDate date = used.time().atZone(zone).toLocalDate();
            if (!used.knownAt(t, horizon) || date.isBefore(from) || date.isAfter(today) || !inOpenSlot(used.time())) {
                continue;
            }
            n++;
            int score = ((KioskEvent) used.record()).getFeedbackScore();
            if (score >= 3) {
                positive++;
            }
        }
        return Component.share("feedback", positive, n, settings.minPresses());
    }

    /** Status of the window [start, end) from the known entries and duty intervals (staffing contract "Status"). */
    private static String windowStatus(List<FootfallEvent> entries, List<Instant[]> dutyIntervals, Instant start,
            Instant end, SiteRegistryVersion version) {
        long visitors = 0;
        for (FootfallEvent f : entries) {
            if (!f.getEventTime().isBefore(start) && f.getEventTime().isBefore(end)) {
                visitors += f.getCount();
            }
        }
        long dutyMillis = 0;
        for (Instant[] interval : dutyIntervals) {
            long from = Math.max(interval[0].toEpochMilli(), start.toEpochMilli());
            long to = Math.min(interval[1].toEpochMilli(), end.toEpochMilli());
            dutyMillis += Math.max(0, to - from);
        }
        double staff = dutyMillis / 1000.0 / SLOT_SECONDS;
        if (staff == 0) {
            return visitors > 0 ? "under_staffed" : "idle";
        }
        double ratio = visitors / staff;
        if (ratio < version.getTargetMin()) {
            return "over_staffed";
        }
        return ratio > version.getTargetMax() ? "under_staffed" : "ok";
    }

    /** On duty from a sign-on until the sign-off or the closing time of the sign-on's local date. */
    private List<Instant[]> dutyIntervals(List<KioskEvent> events) {
        List<KioskEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(KioskEvent::getEventTime)
                .thenComparing(e -> e.getType() == KioskEventType.SIGN_ON ? 0 : 1));
        List<Instant[]> intervals = new ArrayList<>();
        Instant on = null;
        Instant closing = null;
        for (KioskEvent e : ordered) {
            if (on != null && !e.getEventTime().isBefore(closing)) {
                intervals.add(new Instant[] {on, closing});
                on = null;
            }
            if (e.getType() == KioskEventType.SIGN_ON && on == null) {
                SiteRegistryVersion version = site.versions.inForceAt(e.getEventTime());
                if (version != null) {
                    Instant close = SiteVersions.closingTime(version,
                            e.getEventTime().atZone(SiteVersions.zone(version)).toLocalDate());
                    if (e.getEventTime().isBefore(close)) {
                        on = e.getEventTime();
                        closing = close;
                    }
                }
            } else if (e.getType() == KioskEventType.SIGN_OFF && on != null) {
                intervals.add(new Instant[] {on, e.getEventTime()});
                on = null;
            }
        }
        if (on != null) {
            intervals.add(new Instant[] {on, closing});
        }
        return intervals;
    }

    private Instant firstServed(String visitId, Instant checkIn, Instant t, long horizon) {
        Instant first = null;
        for (UsedEvent used : servedByVisit.getOrDefault(visitId, List.of())) {
            if (used.knownAt(t, horizon) && !used.time().isBefore(checkIn) && (first == null || used.time().isBefore(first))) {
                first = used.time();
            }
        }
        return first;
    }

    /** The open slots of a local date, each under the version in force at its start (registry only: cached). */
    private List<Instant> openSlotsOf(LocalDate date, ZoneId zone) {
        return openSlotsByDate.computeIfAbsent(date, d -> SiteVersions.slotsOf(d, zone).stream().filter(start -> {
            SiteRegistryVersion version = site.versions.inForceAt(start);
            return version != null && SiteVersions.isOpen(version, start);
        }).toList());
    }

    private boolean inOpenSlot(Instant time) {
        return openByInstant.computeIfAbsent(time, this::computeInOpenSlot);
    }

    private boolean computeInOpenSlot(Instant time) {
        SiteRegistryVersion atTime = site.versions.inForceAt(time);
        if (atTime == null) {
            return false;
        }
        Instant slot = SiteVersions.slotContaining(time, SiteVersions.zone(atTime));
        SiteRegistryVersion atSlot = site.versions.inForceAt(slot);
        return atSlot != null && SiteVersions.isOpen(atSlot, slot);
    }

    private LocalDate localDate(Instant time) {
        SiteRegistryVersion version = site.versions.inForceAt(time);
        if (version == null) {
            version = site.versions.all().get(0);
        }
        return time.atZone(SiteVersions.zone(version)).toLocalDate();
    }

    private static KioskEvent earlierCheckIn(KioskEvent a, KioskEvent b) {
        int byTime = a.getEventTime().compareTo(b.getEventTime());
        if (byTime != 0) {
            return byTime < 0 ? a : b;
        }
        return a.getEventId().compareTo(b.getEventId()) <= 0 ? a : b;
    }

    private static AppointmentEvent laterAction(AppointmentEvent a, AppointmentEvent b) {
        int byTime = a.getEventTime().compareTo(b.getEventTime());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.getEventId().compareTo(b.getEventId()) >= 0 ? a : b;
    }
}
