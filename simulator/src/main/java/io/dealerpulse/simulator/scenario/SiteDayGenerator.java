package io.dealerpulse.simulator.scenario;

import io.dealerpulse.simulator.network.Interval;
import io.dealerpulse.simulator.network.SiteProfile;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Decides one local day of one site from the network seed: pure, no clock, no I/O. The same (seed,
 * site, date) always gives the same {@link SiteDay}.
 *
 * <p>What it models, and why each piece is there (each one exercises a KPI rule):
 * <ul>
 * <li>advisors sign on a few minutes before opening and off after closing, with a sign-off/sign-on
 *     pair around the lunch closure and sometimes a 15-minute break; some days an advisor starts an
 *     hour late, is absent, or forgets to sign off in the evening (duty must end at closing);</li>
 * <li>appointments booked 1-10 days ahead, some cancelled, rescheduled or reactivated; customers
 *     arrive around their time (some late), some never come (no-shows);</li>
 * <li>walk-ins following the day's {@linkplain ArrivalProfile arrival profile} (morning and
 *     after-lunch peaks); staff and passers-by also cross the reception door (they count as visitors);</li>
 * <li>a first-come first-served queue at the desk: waiting grows by itself when few advisors are on
 *     duty at a peak; a customer waiting over 45 minutes leaves unserved;</li>
 * <li>feedback presses and survey answers that follow the waiting time and the site's service quality;</li>
 * <li>incidents: counter reset, counter offline for an hour, a malformed kiosk message.</li>
 * </ul>
 */
public final class SiteDayGenerator {
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(45);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final SiteProfile site;
    private final LocalDate date;
    private final ZoneId zone;
    private final Random random;
    private final int advisorsOverride;

    private SiteDayGenerator(SiteProfile site, LocalDate date, long networkSeed, int advisorsOverride) {
        this.site = site;
        this.date = date;
        this.zone = site.zone();
        this.random = new Random(ScenarioSeeds.of(networkSeed, site.id(), date));
        this.advisorsOverride = advisorsOverride;
    }

    public static SiteDay generate(SiteProfile site, LocalDate date, long networkSeed) {
        return new SiteDayGenerator(site, date, networkSeed, -1).generate();
    }

    /** The same day with a different roster size: same customers, same appointments (for what-if comparisons). */
    public static SiteDay generateWithAdvisors(SiteProfile site, LocalDate date, long networkSeed, int advisors) {
        return new SiteDayGenerator(site, date, networkSeed, advisors).generate();
    }

    private SiteDay generate() {
        List<Interval> hours = site.hours().on(date.getDayOfWeek());
        if (hours.isEmpty()) {
            return new SiteDay(site, date, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Instant[]> open = hours.stream().map(i -> new Instant[] {at(i.open()), at(i.close())}).toList();
        Instant firstOpen = open.get(0)[0];
        Instant lastClose = open.get(open.size() - 1)[1];
        ArrivalProfile profile = new ArrivalProfile(open);

        // Draw incidents and customer numbers first and in a fixed order, so a roster override keeps
        // the same customers.
        List<Incident> incidents = new ArrayList<>();
        boolean absent = random.nextDouble() < 0.12;
        boolean forgotten = random.nextDouble() < 0.10;
        maybeIncident(incidents, 0.10, Incident.Kind.COUNTER_RESET, open, Duration.ofSeconds(1));
        maybeIncident(incidents, 0.08, Incident.Kind.COUNTER_OFFLINE, open, Duration.ofHours(1));
        maybeIncident(incidents, 0.20, Incident.Kind.BAD_KIOSK_PAYLOAD, open, Duration.ofSeconds(1));
        double dayFactor = dayFactor(date.getDayOfWeek(), open);
        int customers = Math.max(1, (int) Math.round(site.dailyCustomers() * dayFactor * (0.85 + 0.3 * random.nextDouble())));
        Random staffRandom = new Random(random.nextLong());
        Random customerRandom = new Random(random.nextLong());

        List<Duty> duties = staff(open, absent, forgotten, incidents, staffRandom);
        List<BookingAction> bookings = new ArrayList<>();
        List<Arrival> arrivals = new ArrayList<>();
        appointments(customers, profile, open, bookings, arrivals, customerRandom);
        int walkIns = Math.max(0, customers - arrivals.size());
        for (int i = 0; i < walkIns; i++) {
            arrivals.add(new Arrival(profile.sample(customerRandom), null));
        }
        arrivals.sort(Comparator.comparing(Arrival::time));

        List<Visit> visits = serve(arrivals, duties, lastClose, customerRandom);
        List<Crossing> crossings = crossings(visits, duties, open, customers, customerRandom);
        List<KioskAction> kiosk = kiosk(visits, duties, customerRandom);
        List<SurveyAnswer> surveys = surveys(visits, customerRandom);
        bookings.sort(Comparator.comparing(BookingAction::actionTime));
        incidents.sort(Comparator.comparing(Incident::from));
        return new SiteDay(site, date, firstOpen, lastClose, crossings, kiosk, visits, bookings, surveys, incidents);
    }

    /** Mondays are busiest, Saturdays (a morning only) see about half a weekday's customers. */
    private static double dayFactor(DayOfWeek day, List<Instant[]> open) {
        return switch (day) {
            case MONDAY -> 1.15;
            case FRIDAY -> 1.05;
            case SATURDAY, SUNDAY -> open.size() == 1 ? 0.45 : 0.9;
            default -> 1.0;
        };
    }

    // ---- staff ------------------------------------------------------------------------------------

    /** An advisor's time signed on at the desk; {@code signedOff} false when the sign-off was forgotten. */
    record Duty(String badge, Instant on, Instant off, boolean signedOff) {}

    private List<Duty> staff(List<Instant[]> open, boolean absent, boolean forgotten, List<Incident> incidents,
            Random r) {
        int roster = advisorsOverride >= 0 ? advisorsOverride : site.advisors();
        int absentIndex = absent && roster > 1 ? r.nextInt(roster) : -1;
        int forgetfulIndex = forgotten ? r.nextInt(Math.max(1, roster)) : -1;
        Instant dayStart = open.get(0)[0];
        if (absentIndex >= 0) {
            incidents.add(new Incident(Incident.Kind.ABSENT_ADVISOR, dayStart, open.get(open.size() - 1)[1]));
        }
        List<Duty> duties = new ArrayList<>();
        for (int a = 0; a < roster; a++) {
            boolean lateStarter = r.nextDouble() < 0.25;
            boolean takesBreak = r.nextDouble() < 0.6;
            if (a == absentIndex) {
                continue;
            }
            String badge = "BADGE-" + site.id() + "-" + (a + 1);
            for (int k = 0; k < open.size(); k++) {
                Instant on = open.get(k)[0].minus(Duration.ofSeconds(r.nextInt(k == 0 ? 600 : 300)));
                if (k == 0 && lateStarter) {
                    on = open.get(k)[0].plus(Duration.ofMinutes(45 + r.nextInt(30)));
                }
                Instant off = open.get(k)[1].plus(Duration.ofSeconds(r.nextInt(480)));
                boolean lastSegment = k == open.size() - 1;
                boolean signsOff = !(lastSegment && a == forgetfulIndex);
                if (!signsOff) {
                    incidents.add(new Incident(Incident.Kind.FORGOTTEN_SIGN_OFF, off, off.plusSeconds(1)));
                }
                Duration length = Duration.between(on, off);
                if (takesBreak && length.compareTo(Duration.ofHours(3)) > 0 && k == open.size() - 1) {
                    Instant breakStart = on.plus(length.dividedBy(2)).plusSeconds(r.nextInt(1200) - 600L);
                    Instant breakEnd = breakStart.plus(Duration.ofMinutes(15));
                    duties.add(new Duty(badge, on, breakStart, true));
                    duties.add(new Duty(badge, breakEnd, off, signsOff));
                } else {
                    duties.add(new Duty(badge, on, off, signsOff));
                }
            }
        }
        duties.sort(Comparator.comparing(Duty::on));
        return duties;
    }

    // ---- appointments -----------------------------------------------------------------------------

    private record Arrival(Instant time, String appointmentRef) {}

    private void appointments(int customers, ArrivalProfile profile, List<Instant[]> open, List<BookingAction> bookings,
            List<Arrival> arrivals, Random r) {
        if (profile.isEmpty()) {
            return;
        }
        int count = (int) Math.round(customers * 0.55);
        for (int i = 0; i < count; i++) {
            String ref = "RDV-" + site.id() + "-" + date.format(DAY) + "-" + String.format(Locale.ROOT, "%03d", i + 1);
            Instant slot = quarterHour(profile.sample(r));
            Instant booked = at(date.minusDays(1 + r.nextInt(10)), LocalTime.of(9, 0).plusMinutes(r.nextInt(540)));
            double fate = r.nextDouble();
            if (fate < 0.06) { // cancelled
                bookings.add(new BookingAction(ref, BookingAction.BOOKED, slot, booked));
                bookings.add(new BookingAction(ref, BookingAction.CANCELLED, slot,
                        between(booked, slot.minus(Duration.ofHours(2)), r)));
                continue;
            }
            if (fate < 0.11) { // booked for another day, moved to this slot
                Instant first = slot.plus(Duration.ofDays(1 + r.nextInt(3)));
                bookings.add(new BookingAction(ref, BookingAction.BOOKED, first, booked));
                bookings.add(new BookingAction(ref, BookingAction.RESCHEDULED, slot,
                        between(booked, slot.minus(Duration.ofHours(20)), r)));
            } else if (fate < 0.14) { // cancelled, then the customer called back: reactivated
                bookings.add(new BookingAction(ref, BookingAction.BOOKED, slot, booked));
                Instant cancelled = between(booked, slot.minus(Duration.ofHours(30)), r);
                bookings.add(new BookingAction(ref, BookingAction.CANCELLED, slot, cancelled));
                bookings.add(new BookingAction(ref, BookingAction.RESCHEDULED, slot,
                        between(cancelled, slot.minus(Duration.ofHours(3)), r)));
            } else {
                bookings.add(new BookingAction(ref, BookingAction.BOOKED, slot, booked));
            }
            if (r.nextDouble() < 0.08) {
                continue; // no-show
            }
            long lateness = Math.round(r.nextGaussian() * 300 - 240);
            if (r.nextDouble() < 0.12) {
                lateness = 600 + r.nextInt(1200); // 10 to 30 minutes late
            }
            Instant arrival = slot.plusSeconds(lateness);
            Instant[] interval = intervalAround(slot, open);
            if (arrival.isBefore(interval[0])) {
                arrival = interval[0].plusSeconds(r.nextInt(180));
            }
            if (!arrival.isBefore(interval[1].minus(Duration.ofMinutes(5)))) {
                continue; // too late to be received today: a no-show for the booking system
            }
            arrivals.add(new Arrival(arrival, ref));
        }
    }

    // ---- the desk ---------------------------------------------------------------------------------

    private List<Visit> serve(List<Arrival> arrivals, List<Duty> duties, Instant lastClose, Random r) {
        List<String> badges = duties.stream().map(Duty::badge).distinct().sorted().toList();
        Instant[] freeAt = new Instant[badges.size()];
        List<Visit> visits = new ArrayList<>();
        int seq = 0;
        for (Arrival arrival : arrivals) {
            String visitId = "V" + date.format(DAY) + "-" + String.format(Locale.ROOT, "%04d", ++seq);
            Instant checkIn = arrival.time().plusSeconds(20 + r.nextInt(100));
            Instant best = null;
            int bestAdvisor = -1;
            for (int a = 0; a < badges.size(); a++) {
                Instant candidate = firstOnDuty(badges.get(a), duties,
                        freeAt[a] == null || freeAt[a].isBefore(checkIn) ? checkIn : freeAt[a]);
                if (candidate != null && (best == null || candidate.isBefore(best))) {
                    best = candidate;
                    bestAdvisor = a;
                }
            }
            Duration service = Duration.ofSeconds(300 + r.nextInt(420) + (long) (-Math.log(1 - r.nextDouble()) * 120));
            if (best == null || Duration.between(checkIn, best).compareTo(GIVE_UP_AFTER) > 0
                    || best.isAfter(lastClose.plus(Duration.ofMinutes(10)))) {
                visits.add(new Visit(visitId, arrival.time(), checkIn, arrival.appointmentRef(), null, null,
                        checkIn.plus(GIVE_UP_AFTER)));
                continue;
            }
            // The kiosk stamps the service a few seconds after the advisor takes the customer.
            Instant served = best.plusSeconds(5 + r.nextInt(25));
            freeAt[bestAdvisor] = served.plus(service);
            visits.add(new Visit(visitId, arrival.time(), checkIn, arrival.appointmentRef(), served,
                    badges.get(bestAdvisor), served.plus(service).plusSeconds(60 + r.nextInt(240))));
        }
        return visits;
    }

    /** The first instant at or after {@code from} at which the advisor is signed on, or null. */
    private static Instant firstOnDuty(String badge, List<Duty> duties, Instant from) {
        Instant best = null;
        for (Duty duty : duties) {
            if (!duty.badge().equals(badge) || !duty.off().isAfter(from)) {
                continue;
            }
            Instant candidate = duty.on().isAfter(from) ? duty.on() : from;
            if (best == null || candidate.isBefore(best)) {
                best = candidate;
            }
        }
        return best;
    }

    // ---- the door ---------------------------------------------------------------------------------

    private List<Crossing> crossings(List<Visit> visits, List<Duty> duties, List<Instant[]> open, int customers,
            Random r) {
        List<Crossing> crossings = new ArrayList<>();
        for (Visit visit : visits) {
            int people = r.nextDouble() < 0.25 ? 2 : 1;
            for (int p = 0; p < people; p++) {
                crossings.add(new Crossing(visit.arrival().minusSeconds(5 + p * 3L), true));
                crossings.add(new Crossing(visit.leftAt().plusSeconds(p * 3L), false));
            }
        }
        // Advisors walk in through the reception door in the morning and out in the evening.
        for (Duty duty : duties) {
            if (duty.on().isBefore(open.get(0)[0].plus(Duration.ofMinutes(5))) || r.nextDouble() < 0.3) {
                crossings.add(new Crossing(duty.on().minusSeconds(30 + r.nextInt(120)), true));
            }
        }
        Instant lastClose = open.get(open.size() - 1)[1];
        duties.stream().map(Duty::badge).distinct().forEach(
                b -> crossings.add(new Crossing(lastClose.plusSeconds(300 + r.nextInt(900)), false)));
        // Passers-by: deliveries, people asking the way.
        int passers = customers / 10;
        for (int i = 0; i < passers; i++) {
            Instant[] interval = open.get(r.nextInt(open.size()));
            Instant t = between(interval[0], interval[1], r);
            crossings.add(new Crossing(t, true));
            crossings.add(new Crossing(t.plusSeconds(60 + r.nextInt(300)), false));
        }
        crossings.sort(Comparator.comparing(Crossing::time));
        return crossings;
    }

    // ---- the kiosk --------------------------------------------------------------------------------

    private List<KioskAction> kiosk(List<Visit> visits, List<Duty> duties, Random r) {
        List<KioskAction> actions = new ArrayList<>();
        for (Duty duty : duties) {
            actions.add(new KioskAction(duty.on(), KioskAction.SIGN_ON, null, null, duty.badge(), null, null));
            if (duty.signedOff()) {
                actions.add(new KioskAction(duty.off(), KioskAction.SIGN_OFF, null, null, duty.badge(), null, null));
            }
        }
        for (Visit visit : visits) {
            actions.add(new KioskAction(visit.checkIn(), KioskAction.CHECK_IN, null, visit.visitId(), null,
                    visit.appointmentRef(), null));
            if (visit.served()) {
                actions.add(new KioskAction(visit.servedAt(), KioskAction.SERVED, null, visit.visitId(),
                        visit.advisorBadge(), null, null));
            }
            if (r.nextDouble() < 0.35) {
                actions.add(new KioskAction(visit.leftAt().minusSeconds(40), KioskAction.FEEDBACK, null, null, null,
                        null, feedback(visit, r)));
            }
        }
        actions.sort(Comparator.comparing(KioskAction::time));
        List<KioskAction> numbered = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            KioskAction a = actions.get(i);
            numbered.add(new KioskAction(a.time(), a.type(), date.format(DAY) + "-" + String.format(Locale.ROOT,
                    "%05d", i + 1), a.visitId(), a.badgeId(), a.appointmentRef(), a.feedback()));
        }
        return numbered;
    }

    /** 1 (worst) to 4 (best): customers served quickly mostly press 3 or 4. */
    private int feedback(Visit visit, Random r) {
        double minutes = visit.served() ? visit.waiting().toSeconds() / 60.0 : 60;
        double mood = 3.6 - minutes / 6.0 + site.serviceQuality() * 0.6 + r.nextGaussian() * 0.7;
        return (int) Math.max(1, Math.min(4, Math.round(mood)));
    }

    // ---- surveys ----------------------------------------------------------------------------------

    private List<SurveyAnswer> surveys(List<Visit> visits, Random r) {
        List<SurveyAnswer> answers = new ArrayList<>();
        int seq = 0;
        for (Visit visit : visits) {
            if (r.nextDouble() >= (visit.served() ? 0.18 : 0.3)) {
                continue;
            }
            double minutes = visit.served() ? visit.waiting().toSeconds() / 60.0 : 60;
            double score = 5.5 + 4.5 * site.serviceQuality() - minutes / 5.0 + r.nextGaussian() * 1.5;
            int nps = (int) Math.max(0, Math.min(10, Math.round(score)));
            int satisfaction = (int) Math.max(1, Math.min(5, Math.round(1 + nps * 0.4 + r.nextGaussian() * 0.5)));
            double c = r.nextDouble();
            String channel = c < 0.6 ? "EMAIL" : c < 0.9 ? "PHONE" : c < 0.95 ? "KIOSK" : "MYSTERY_VISIT";
            Instant received = at(date.plusDays(1 + r.nextInt(4)), LocalTime.of(9, 0).plusMinutes(r.nextInt(660)));
            answers.add(new SurveyAnswer("S-" + site.id() + "-" + date.format(DAY) + "-" + (++seq), channel, nps,
                    satisfaction, date, received));
        }
        answers.sort(Comparator.comparing(SurveyAnswer::receivedAt));
        return answers;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void maybeIncident(List<Incident> incidents, double probability, Incident.Kind kind, List<Instant[]> open,
            Duration length) {
        if (random.nextDouble() < probability) {
            Instant[] interval = open.get(random.nextInt(open.size()));
            Instant from = between(interval[0], interval[1], random);
            incidents.add(new Incident(kind, from, from.plus(length)));
        }
    }

    private Instant at(LocalTime time) {
        return at(date, time);
    }

    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }

    private static Instant quarterHour(Instant t) {
        long quarter = 15 * 60;
        return Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), quarter));
    }

    private static Instant[] intervalAround(Instant t, List<Instant[]> open) {
        for (Instant[] interval : open) {
            if (!t.isBefore(interval[0]) && t.isBefore(interval[1])) {
                return interval;
            }
        }
        return open.get(0);
    }

    private static Instant between(Instant from, Instant to, Random r) {
        long span = Duration.between(from, to).toSeconds();
        return span <= 0 ? from : from.plusSeconds((long) (r.nextDouble() * span));
    }
}
