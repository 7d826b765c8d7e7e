package io.dealerpulse.jobs.scenario.network;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.scenario.RegistryVersions;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.SiteRecords;
import io.dealerpulse.schemas.topics.Topic;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deterministic network of six dealerships over 16 days of history, for the score tests: two
 * regions ({@code nord}, {@code sud}), the investor group {@code groupe-horizon} with four sites in
 * both regions, and {@link #MOVER} moving from nord to sud at local midnight of {@link #MOVE_DAY}.
 * Every site is in Europe/Paris; the days run from Friday {@link #FIRST_DAY} to Saturday
 * {@link #LAST_DAY} and include the spring-forward Sunday 2026-03-29, on which only the site open on
 * Sundays has windows. Amiens is closed on {@link #AMIENS_CLOSED} by a dated exception.
 *
 * <p>Per open site-day (modest traffic, ~190 agent records): reception-door IN and OUT counts per
 * quarter-hour, two advisors signing on and off around the lunch closure, a dozen or more walk-in
 * and appointment visits checked in and served (a few never served), booked / cancelled / no-show
 * appointments, feedback presses, heartbeats every 15 minutes; the survey importer delivers answers
 * every evening with visit dates up to 20 days back, and 12 answers about the 30 days before the
 * scenario on its first evening. No duplicates, late or corrupt records: the staffing scenario
 * covers those, and here every figure should depend on the definitions only.
 *
 * <p>The same seed gives the same records. {@link #publication()} orders them for a publish in
 * phases (see {@link PhasedPublication}).
 */
public final class NetworkScenario {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    public static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 20);
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 4);
    public static final LocalDate MOVE_DAY = LocalDate.of(2026, 3, 28);
    public static final LocalDate AMIENS_CLOSED = LocalDate.of(2026, 3, 25);
    public static final long DEFAULT_SEED = 20260320L;
    public static final String GROUP = "groupe-horizon";
    public static final List<String> HOURS = List.of("08:30-12:00", "13:30-18:30");
    public static final List<String> SUNDAY_SITE_HOURS = List.of("09:00-17:00");

    public static final NetworkSite LILLE = new NetworkSite("fr-lille-01", "nord", GROUP, false, 0.45, 0.97);
    public static final NetworkSite AMIENS = new NetworkSite("fr-amiens-02", "nord", GROUP, false, 0.95, 0.40);
    public static final NetworkSite ROUEN = new NetworkSite("fr-rouen-03", "nord", null, false, 0.75, 0.75);
    public static final NetworkSite LYON = new NetworkSite("fr-lyon-04", "sud", GROUP, false, 0.92, 0.92);
    public static final NetworkSite NICE = new NetworkSite("fr-nice-05", "sud", GROUP, true, 0.60, 0.85);
    public static final NetworkSite MOVER = new NetworkSite("fr-dijon-06", "nord", null, false, 0.85, 0.55);
    public static final List<NetworkSite> SITES = List.of(LILLE, AMIENS, ROUEN, LYON, NICE, MOVER);

    private final List<Send> importerSends;
    private final List<Send> agentSends;

    private NetworkScenario(List<Send> importerSends, List<Send> agentSends) {
        this.importerSends = List.copyOf(importerSends);
        this.agentSends = List.copyOf(agentSends);
    }

    public static NetworkScenario build() {
        return build(DEFAULT_SEED);
    }

    public static NetworkScenario build(long seed) {
        List<Send> importers = new ArrayList<>();
        List<Send> agents = new ArrayList<>();
        registry(importers);
        for (int i = 0; i < SITES.size(); i++) {
            new SiteHistoryGenerator(SITES.get(i), new Random(seed * 31 + i), importers, agents).generate();
        }
        importers.sort(Comparator.comparing(Send::sendTime)); // stable: registry first on ties
        agents.sort(Comparator.comparing(Send::sendTime));
        return new NetworkScenario(importers, agents);
    }

    /** Registry versions, appointments and surveys, in send order. */
    public List<Send> importerSends() {
        return importerSends;
    }

    /** Footfall, kiosk and heartbeats of every agent, in send order. */
    public List<Send> agentSends() {
        return agentSends;
    }

    /** The phased publish plan the IT uses, and whose order the oracle replays. */
    public PhasedPublication publication() {
        return PhasedPublication.of(this, cuts());
    }

    public int size() {
        return importerSends.size() + agentSends.size();
    }

    public Map<Topic, Long> countsPerTopic() {
        Map<Topic, Long> counts = new TreeMap<>();
        importerSends.forEach(s -> counts.merge(s.topic(), 1L, Long::sum));
        agentSends.forEach(s -> counts.merge(s.topic(), 1L, Long::sum));
        return counts;
    }

    /**
     * Phase boundaries: local midnight, 10:00, 11:30, 15:00 and 17:00 of every day; the minute or two before
     * each is then a daytime instant whose score cannot depend on how the job interleaves topics.
     */
    static List<Instant> cuts() {
        List<Instant> cuts = new ArrayList<>();
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY.plusDays(1)); d = d.plusDays(1)) {
            for (String time : List.of("00:00", "10:00", "11:30", "15:00", "17:00")) {
                cuts.add(d.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant());
            }
        }
        return cuts;
    }

    static Instant at(LocalDate date, String localTime) {
        return date.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
    }

    public static boolean isOpenDay(NetworkSite site, LocalDate date) {
        return !(date.getDayOfWeek() == DayOfWeek.SUNDAY && !site.openOnSundays())
                && !(site == AMIENS && date.equals(AMIENS_CLOSED));
    }

    public static List<String> hours(NetworkSite site, LocalDate date) {
        if (!isOpenDay(site, date)) {
            return List.of();
        }
        return site.openOnSundays() ? SUNDAY_SITE_HOURS : HOURS;
    }

    private static void registry(List<Send> importers) {
        Instant published = at(FIRST_DAY.minusDays(5), "09:00");
        for (NetworkSite site : SITES) {
            for (String region : site == MOVER ? List.of("nord", "sud") : List.of(site.region())) {
                RegistryVersions version = RegistryVersions.site(site.id(), ZONE.getId()).region(region).country("FR")
                        .band(2.0, 6.0).everyDay((site.openOnSundays() ? SUNDAY_SITE_HOURS : HOURS).toArray(String[]::new));
                if (site.investorGroup() != null) {
                    version.investorGroup(site.investorGroup());
                }
                for (LocalDate d = FIRST_DAY.minusDays(1); !d.isAfter(LAST_DAY.plusDays(1)); d = d.plusDays(1)) {
                    if (!isOpenDay(site, d)) {
                        version.exception(d, d.getDayOfWeek() == DayOfWeek.SUNDAY ? "sunday" : "training day");
                    }
                }
                Instant effective = region.equals("sud") && site == MOVER ? MOVE_DAY.atStartOfDay(ZONE).toInstant()
                        : FIRST_DAY.minusDays(40).atStartOfDay(ZONE).toInstant();
                SiteRegistryVersion built = version.effectiveFrom(effective);
                importers.add(Send.of(Topic.SITE_REGISTRY,
                        Topic.registryKey(site.id(), built.getEffectiveFrom().toEpochMilli()), built, published));
            }
        }
    }

    /** The job's view of the phased publish, in the order the IT publishes. */
    public List<Arrival> arrivals() {
        return publication().arrivals();
    }

    /** Generates one site's 16 days. */
    private static final class SiteHistoryGenerator {
        private final NetworkSite site;
        private final Random random;
        private final List<Send> importers;
        private final List<Send> agents;
        private final SiteRecords records;
        private final Instant agentStart = at(FIRST_DAY.minusDays(3), "06:00");
        private long heartbeat;
        private int message;
        private int survey;

        SiteHistoryGenerator(NetworkSite site, Random random, List<Send> importers, List<Send> agents) {
            this.site = site;
            this.random = random;
            this.importers = importers;
            this.agents = agents;
            this.records = new SiteRecords(site.id());
        }

        void generate() {
            // the agent's first record: a heartbeat before anything else (its clock starts there)
            heartbeat(at(FIRST_DAY, "07:00:30"));
            earlierSurveys();
            int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
            for (int i = 0; i < days; i++) {
                LocalDate date = FIRST_DAY.plusDays(i);
                double q = site.quality(i, days);
                List<Instant[]> intervals = intervals(date);
                if (!intervals.isEmpty()) {
                    day(date, intervals, q);
                }
                surveys(date, q);
            }
            // passes the last day's end on every site's clock, so every day is closed everywhere
            heartbeat(at(LAST_DAY.plusDays(1), "00:30:30"));
        }

        private List<Instant[]> intervals(LocalDate date) {
            return hours(site, date).stream().map(h -> new Instant[] {at(date, h.split("-")[0]), at(date, h.split("-")[1])})
                    .toList();
        }

        private void day(LocalDate date, List<Instant[]> intervals, double q) {
            Instant opening = intervals.get(0)[0];
            Instant closing = intervals.get(intervals.size() - 1)[1];
            for (Instant t = opening.minus(Duration.ofMinutes(60)); !t.isAfter(closing.plus(Duration.ofMinutes(45)));
                    t = t.plus(Duration.ofMinutes(15))) {
                heartbeat(t.plusSeconds(30));
            }
            advisors(intervals);
            footfall(intervals, opening, closing, q);
            List<Object[]> checkIns = new ArrayList<>();
            appointments(date, intervals, q, checkIns);
            walkIns(intervals, checkIns);
            visits(checkIns, q, closing);
            for (int i = 0; i < 3 + random.nextInt(4); i++) {
                kiosk(records.feedback(next(), random.nextDouble() < q ? 3 + random.nextInt(2) : 1 + random.nextInt(2),
                        timeIn(intervals, 0)));
            }
        }

        /** Two advisors, on five minutes before each opening interval, off ten minutes before its end. */
        private void advisors(List<Instant[]> intervals) {
            for (Instant[] interval : intervals) {
                for (String advisor : List.of("adv-a", "adv-b")) {
                    kiosk(records.signOn(next(), advisor, interval[0].minus(Duration.ofMinutes(5)).plusSeconds(random.nextInt(60))));
                    kiosk(records.signOff(next(), advisor, interval[1].minus(Duration.ofMinutes(10)).plusSeconds(random.nextInt(60))));
                }
            }
        }

        /**
         * Reception IN and OUT per quarter-hour. With two advisors the band [2, 6] means 4–12
         * visitors: a good quarter-hour (chance q) gets that, a bad one too few or too many.
         */
        private void footfall(List<Instant[]> intervals, Instant opening, Instant closing, double q) {
            for (Instant t = opening.minus(Duration.ofMinutes(15)); t.isBefore(closing.plus(Duration.ofMinutes(15)));
                    t = t.plus(Duration.ofMinutes(15))) {
                Instant start = t;
                boolean open = intervals.stream().anyMatch(i -> !start.isBefore(i[0]) && start.isBefore(i[1]));
                int in = !open ? random.nextInt(2)
                        : random.nextDouble() < q ? 4 + random.nextInt(9)
                        : random.nextBoolean() ? random.nextInt(3) : 14 + random.nextInt(6);
                Instant sent = t.plus(Duration.ofMinutes(15)).plusSeconds(5);
                agent(Topic.FOOTFALL, records.footfall("door-1", "reception", true, Direction.IN, in, t, Duration.ofMinutes(15)), sent);
                agent(Topic.FOOTFALL, records.footfall("door-1", "reception", true, Direction.OUT, random.nextInt(8), t,
                        Duration.ofMinutes(15)), sent);
            }
        }

        /** Five appointments booked the evening before: one cancelled, one no-show, the others arrive around their time. */
        private void appointments(LocalDate date, List<Instant[]> intervals, double q, List<Object[]> checkIns) {
            Instant booked = at(date.minusDays(1), "19:00");
            for (int n = 0; n < 5; n++) {
                String ref = "apt-" + site.id() + "-" + date + "-" + n;
                Instant scheduled = timeIn(intervals, 20).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.BOOKED, scheduled,
                        booked.plus(Duration.ofMinutes(n))));
                if (n == 0) {
                    Instant cancelledAt = at(date.minusDays(1), "20:00");
                    importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.CANCELLED, scheduled, cancelledAt));
                    continue;
                }
                if (n == 1 && random.nextBoolean()) {
                    continue; // no-show
                }
                Instant arrival = scheduled.plusSeconds(random.nextInt(15 * 60) - 10 * 60);
                if (isOpenForVisit(intervals, arrival)) {
                    checkIns.add(new Object[] {arrival, ref, random.nextDouble() < q ? 60 + random.nextInt(480) : 660 + random.nextInt(900)});
                }
            }
        }

        private void walkIns(List<Instant[]> intervals, List<Object[]> checkIns) {
            for (int i = 0; i < 10 + random.nextInt(8); i++) {
                Instant at = timeIn(intervals, 20).plusMillis(random.nextInt(60_000));
                checkIns.add(new Object[] {at, null, null});
            }
        }

        /** Check-in, then served after a wait that is short with chance q; about one in twenty never served. */
        private void visits(List<Object[]> checkIns, double q, Instant closing) {
            checkIns.sort(Comparator.comparing(c -> (Instant) c[0]));
            for (Object[] c : checkIns) {
                Instant at = (Instant) c[0];
                String visit = "V-" + at.toEpochMilli();
                kiosk(records.checkIn(next(), visit, (String) c[1], at));
                if (random.nextInt(20) == 0) {
                    continue;
                }
                long waitSeconds = c[2] != null ? (Integer) c[2]
                        : random.nextDouble() < q ? 20 + random.nextInt(270) : 310 + random.nextInt(600);
                Instant served = at.plusSeconds(waitSeconds).plusMillis(random.nextInt(1000));
                if (served.isBefore(closing)) {
                    kiosk(records.served(next(), visit, random.nextBoolean() ? "adv-a" : "adv-b", served));
                }
            }
        }

        /** Two or three answers every evening about visits of the last 20 days. */
        private void surveys(LocalDate date, double q) {
            for (int i = 0; i < 2 + random.nextInt(2); i++) {
                surveyAnswer(date.minusDays(random.nextInt(20)), at(date, "20:00").plus(Duration.ofMinutes(i)), q);
            }
        }

        /** On the first evening, answers about the 30 days before the scenario (so satisfaction has data at once). */
        private void earlierSurveys() {
            for (int i = 0; i < 12; i++) {
                surveyAnswer(FIRST_DAY.minusDays(1 + random.nextInt(30)), at(FIRST_DAY, "06:00").plus(Duration.ofMinutes(i)),
                        site.qualityFirstDay());
            }
        }

        private void surveyAnswer(LocalDate visit, Instant received, double q) {
            double r = random.nextDouble();
            int nps = r < q ? 9 + random.nextInt(2) : r < q + (1 - q) / 2 ? 7 + random.nextInt(2) : random.nextInt(7);
            importer(Topic.SURVEYS, records.survey(site.id() + "-s" + (++survey), nps, 1 + random.nextInt(5), visit, received));
        }

        /** A random whole second in one of the intervals, at least {@code marginMinutes} before its end. */
        private Instant timeIn(List<Instant[]> intervals, int marginMinutes) {
            Instant[] interval = intervals.get(random.nextInt(intervals.size()));
            long span = Duration.between(interval[0], interval[1]).toSeconds() - marginMinutes * 60L;
            return interval[0].plusSeconds(random.nextInt((int) span));
        }

        private static boolean isOpenForVisit(List<Instant[]> intervals, Instant t) {
            return intervals.stream().anyMatch(i -> !t.isBefore(i[0]) && t.plus(Duration.ofMinutes(16)).isBefore(i[1]));
        }

        private String next() {
            return "m" + (++message);
        }

        private void heartbeat(Instant t) {
            AgentStatus status = records.heartbeat(agentStart, ++heartbeat, t);
            agent(Topic.AGENT_STATUS, status, t);
        }

        private void kiosk(KioskEvent event) {
            agent(Topic.KIOSK, event, event.getEventTime().plusMillis(200 + random.nextInt(5_000)));
        }

        private void agent(Topic topic, SpecificRecord event, Instant sent) {
            agents.add(Send.of(topic, site.id(), event, sent));
        }

        private void importer(Topic topic, SpecificRecord event) {
            Instant sent = event instanceof io.dealerpulse.events.AppointmentEvent a ? a.getEventTime()
                    : ((io.dealerpulse.events.SurveyResponse) event).getEventTime();
            importers.add(Send.of(topic, site.id(), event, sent));
        }
    }
}
