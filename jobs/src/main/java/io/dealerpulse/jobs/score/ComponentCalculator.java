package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.AppointmentBook;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.StaffingStatus;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.kpi.VisitTracker;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The five components of DESIGN.md "Score components" as of an instant T: every event with event
 * time ≤ T counts, "today" is the site-local date containing T (for T exactly at local midnight, the
 * day that starts at T). Pure arithmetic on values.
 *
 * <p>{@code counted} says whether a kiosk event or a scheduled time falls in an open window of the
 * site: like the staffing windows (docs/staffing-window-contract.md), a check-in, an appointment
 * scheduled or a feedback press outside opening hours counts nowhere (its accounting bucket is
 * {@code outside_opening_hours}).
 */
public final class ComponentCalculator {
    private static final Comparator<CheckIn> FIRST = Comparator.comparing(CheckIn::time).thenComparing(CheckIn::eventId);

    private final ScoreOptions options;

    public ComponentCalculator(ScoreOptions options) {
        this.options = options;
    }

    public Components asOf(Instant t, ZoneId zone, Predicate<Instant> counted, ScoreEvidence evidence) {
        LocalDate today = t.atZone(zone).toLocalDate();
        return new Components(
                satisfaction(t, today, evidence.surveys()),
                waiting(t, today, zone, counted, evidence.checkIns(), evidence.served()),
                staffing(t, today, evidence.windows()),
                appointments(t, today, zone, counted, evidence),
                feedback(t, today, zone, counted, evidence.feedback()));
    }

    /**
     * NPS over the answers received by T whose visit date is in the 30 local days ending today
     * (answers without an NPS value are not counted): (promoters 9–10 − detractors 0–6) / n × 100,
     * mapped (NPS + 100) / 200; fewer than the minimum → no data.
     */
    Component satisfaction(Instant t, LocalDate today, List<SurveyAnswer> surveys) {
        LocalDate from = today.minusDays(ScoreOptions.SATISFACTION_DAYS - 1L);
        long n = 0;
        long promoters = 0;
        long detractors = 0;
        for (SurveyAnswer answer : surveys) {
            if (answer.nps() == null || answer.received().isAfter(t)
                    || answer.visitDate().isBefore(from) || answer.visitDate().isAfter(today)) {
                continue;
            }
            n++;
            if (answer.nps() >= 9) {
                promoters++;
            } else if (answer.nps() <= 6) {
                detractors++;
            }
        }
        if (n < options.minimumSurveys()) {
            return Component.none(n);
        }
        double nps = 100.0 * (promoters - detractors) / n;
        return new Component((nps + 100.0) / 200.0, n, true);
    }

    /**
     * Today's visits (first check-in today, in an open window, by T): served ≤ 300 s after check-in is
     * good; served later, or unserved and waiting more than 300 s at T, is a failure; unserved within
     * 300 s is not counted yet.
     */
    Component waiting(Instant t, LocalDate today, ZoneId zone, Predicate<Instant> counted, List<CheckIn> checkIns,
            List<Served> served) {
        VisitTracker visits = new VisitTracker(upTo(t, checkIns), served);
        Instant servedBy = t.plusMillis(1);
        long good = 0;
        long n = 0;
        for (CheckIn first : visits.firstCheckIns()) {
            if (!first.time().atZone(zone).toLocalDate().equals(today) || !counted.test(first.time())) {
                continue;
            }
            Optional<Long> waited = visits.waitingMillis(first, servedBy);
            if (waited.isPresent()) {
                n++;
                good += waited.get() <= ScoreOptions.WAITING_LIMIT_MILLIS ? 1 : 0;
            } else if (t.toEpochMilli() - first.time().toEpochMilli() > ScoreOptions.WAITING_LIMIT_MILLIS) {
                n++;
            }
        }
        return Component.of(good, n);
    }

    /** ok windows / today's open windows that have ended by T (end ≤ T) and are not idle. */
    Component staffing(Instant t, LocalDate today, List<StaffingWindow> windows) {
        long ok = 0;
        long n = 0;
        for (StaffingWindow w : windows) {
            if (w.localDate().equals(today) && !w.end().isAfter(t) && w.status() != StaffingStatus.IDLE) {
                n++;
                ok += w.status() == StaffingStatus.OK ? 1 : 0;
            }
        }
        return Component.of(ok, n);
    }

    /**
     * Today's non-cancelled appointments (state = latest action by T) scheduled at or before T in an
     * open window. reference = max(scheduled, first check-in with the appointment's reference by T);
     * served ≤ reference + 10 min is good; served later, or unserved (no-shows included) with T past
     * reference + 10 min, is a failure; otherwise not counted yet. "Served" is the first SERVED of the
     * check-in's visit at or after that check-in.
     */
    Component appointments(Instant t, LocalDate today, ZoneId zone, Predicate<Instant> counted,
            ScoreEvidence evidence) {
        Map<String, CheckIn> firstByRef = new HashMap<>();
        for (CheckIn checkIn : evidence.checkIns()) {
            if (checkIn.appointmentRef() != null && !checkIn.time().isAfter(t)) {
                firstByRef.merge(checkIn.appointmentRef(), checkIn, (a, b) -> FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<String, List<Instant>> servedByVisit = new HashMap<>();
        for (Served s : evidence.served()) {
            if (!s.time().isAfter(t)) {
                servedByVisit.computeIfAbsent(s.visitId(), v -> new ArrayList<>()).add(s.time());
            }
        }
        long good = 0;
        long n = 0;
        for (AppointmentAction state : new AppointmentBook(evidence.appointmentActions()).statesAsOf(t.plusMillis(1))) {
            Instant scheduled = state.scheduled();
            if (state.kind() == AppointmentAction.Kind.CANCELLED || scheduled.isAfter(t)
                    || !scheduled.atZone(zone).toLocalDate().equals(today) || !counted.test(scheduled)) {
                continue;
            }
            CheckIn checkIn = firstByRef.get(state.ref());
            Instant reference = checkIn != null && checkIn.time().isAfter(scheduled) ? checkIn.time() : scheduled;
            Instant deadline = reference.plusMillis(ScoreOptions.APPOINTMENT_LIMIT_MILLIS);
            Instant servedAt = checkIn == null ? null : firstServedFrom(servedByVisit.get(checkIn.visitId()), checkIn.time());
            if (servedAt != null) {
                n++;
                good += servedAt.isAfter(deadline) ? 0 : 1;
            } else if (t.isAfter(deadline)) {
                n++;
            }
        }
        return Component.of(good, n);
    }

    /** Presses of 3–4 / all presses by T over the 7 local days ending today; fewer than the minimum → no data. */
    Component feedback(Instant t, LocalDate today, ZoneId zone, Predicate<Instant> counted,
            List<FeedbackPress> presses) {
        LocalDate from = today.minusDays(ScoreOptions.FEEDBACK_DAYS - 1L);
        long n = 0;
        long positive = 0;
        for (FeedbackPress press : presses) {
            LocalDate date = press.time().atZone(zone).toLocalDate();
            if (press.time().isAfter(t) || date.isBefore(from) || date.isAfter(today) || !counted.test(press.time())) {
                continue;
            }
            n++;
            positive += press.score() >= 3 ? 1 : 0;
        }
        if (n < options.minimumFeedback()) {
            return Component.none(n);
        }
        return new Component((double) positive / n, n, true);
    }

    private static List<CheckIn> upTo(Instant t, List<CheckIn> checkIns) {
        List<CheckIn> kept = new ArrayList<>(checkIns.size());
        for (CheckIn c : checkIns) {
            if (!c.time().isAfter(t)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static Instant firstServedFrom(List<Instant> servedTimes, Instant from) {
        Instant first = null;
        if (servedTimes != null) {
            for (Instant s : servedTimes) {
                if (!s.isBefore(from) && (first == null || s.isBefore(first))) {
                    first = s;
                }
            }
        }
        return first;
    }
}
