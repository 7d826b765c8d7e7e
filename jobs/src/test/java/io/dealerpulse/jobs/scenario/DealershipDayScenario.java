package io.dealerpulse.jobs.scenario;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deterministic one-day network of four dealerships, as the Kafka records their agents and the
 * importers publish, in send order. The same seed gives the same records, byte for byte, so tests,
 * the demo and benchmarks can share it.
 *
 * <p>The day is Sunday 2026-03-29 (local date at every site):
 * <ul>
 * <li>{@link #PARIS} — Europe/Paris on its spring-forward day (92 local slots), lunch closure, one
 *     advisor signing on ten minutes before opening.</li>
 * <li>{@link #KOLKATA} — Asia/Kolkata (+05:30); a second registry version at 12:07 local changes the
 *     target band and adds a 14:00–14:30 closure; visitors but no advisor in the first quarter-hour.</li>
 * <li>{@link #SANTIAGO} — America/Santiago; closed on the day before by a dated exception; the agent
 *     re-sends a few events of that closed day after a day: they are too late; nobody at all in the
 *     first quarter-hour (idle).</li>
 * <li>{@link #REUNION} — Indian/Reunion (+04:00), lunch closure, one advisor forgets to sign off.</li>
 * </ul>
 * Every site has reception and workshop counting lines (IN and OUT, 5-minute intervals, also before
 * opening and over lunch), advisors signing on and off, visits checking in (with and without an
 * appointment reference) and served, feedback presses, appointments booked / rescheduled /
 * cancelled / reactivated, surveys, agent heartbeats every 5 minutes that end 30 minutes after
 * closing (so every open window has closed on each site's clock), about 2% re-sent duplicates, a
 * few events sent hours after their time (late, within the allowed lateness), and one corrupt
 * record per topic.
 *
 * <p>Caveat on order: the job reads six topics in parallel, so the interleaving of a site's streams
 * is not fixed. The scenario keeps every event either clearly within the allowed lateness or (the
 * planted too-late ones) too late on its own topic's order alone, so the windows and the too-late,
 * duplicate, dead-letter and outside-hours counts do not depend on that interleaving; only the
 * split between aggregated and corrected-late does.
 */
public final class DealershipDayScenario {
    public static final LocalDate DAY = LocalDate.of(2026, 3, 29);
    public static final long DEFAULT_SEED = 20260329L;
    public static final Duration COUNTER_INTERVAL = Duration.ofMinutes(5);
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(5);

    public static final ScenarioSite PARIS =
            new ScenarioSite("fr-paris-01", ZoneId.of("Europe/Paris"), DAY, List.of("08:00-12:00", "13:30-18:00"));
    public static final ScenarioSite KOLKATA =
            new ScenarioSite("in-kolkata-01", ZoneId.of("Asia/Kolkata"), DAY, List.of("09:30-14:00", "14:30-19:00"));
    public static final ScenarioSite SANTIAGO =
            new ScenarioSite("cl-santiago-01", ZoneId.of("America/Santiago"), DAY, List.of("09:00-18:30"));
    public static final ScenarioSite REUNION =
            new ScenarioSite("re-saint-denis-01", ZoneId.of("Indian/Reunion"), DAY, List.of("08:00-12:00", "14:00-17:30"));
    public static final List<ScenarioSite> SITES = List.of(PARIS, KOLKATA, SANTIAGO, REUNION);

    /** When Kolkata's second registry version takes effect. */
    public static final Instant KOLKATA_SECOND_VERSION = KOLKATA.at("12:07");

    private final List<Send> sends;
    private final Map<String, Integer> planted;

    private DealershipDayScenario(List<Send> sends, Map<String, Integer> planted) {
        this.sends = List.copyOf(sends);
        this.planted = Map.copyOf(planted);
    }

    public static DealershipDayScenario build() {
        return build(DEFAULT_SEED);
    }

    public static DealershipDayScenario build(long seed) {
        return new Builder(seed).build();
    }

    /** Every record in send order. */
    public List<Send> sends() {
        return sends;
    }

    public List<Send> sends(Predicate<Send> filter) {
        return sends.stream().filter(filter).toList();
    }

    /** The job's view: every record in send order (per-site order is what Kafka keeps). */
    public List<Arrival> arrivals() {
        return sends.stream().map(Send::arrival).toList();
    }

    /** Records the site's own agent publishes (footfall, kiosk, heartbeats): what an outage holds back. */
    public static Predicate<Send> fromAgentOf(ScenarioSite site) {
        return send -> site.id().equals(send.key()) && !send.corrupt()
                && (send.topic() == Topic.FOOTFALL || send.topic() == Topic.KIOSK || send.topic() == Topic.AGENT_STATUS);
    }

    /** How many of each planted irregularity the scenario holds ("duplicate", "late", "too_late", "corrupt"). */
    public int planted(String what) {
        return planted.getOrDefault(what, 0);
    }

    public Map<Topic, Long> countsPerTopic() {
        Map<Topic, Long> counts = new TreeMap<>();
        sends.forEach(s -> counts.merge(s.topic(), 1L, Long::sum));
        return counts;
    }

    /** Builds the records site by site, then orders every send by send time (ties: creation order). */
    private static final class Builder {
        private final long seed;
        private final List<Send> sends = new ArrayList<>();
        private final Map<String, Integer> planted = new TreeMap<>();

        Builder(long seed) {
            this.seed = seed;
        }

        DealershipDayScenario build() {
            registry();
            for (int i = 0; i < SITES.size(); i++) {
                new SiteDay(SITES.get(i), new Random(seed * 31 + i)).generate();
            }
            corruptRecords();
            List<Send> ordered = new ArrayList<>(sends);
            ordered.sort(Comparator.comparing(Send::sendTime)); // stable: creation order on ties
            return new DealershipDayScenario(ordered, planted);
        }

        private void registry() {
            Instant published = PARIS.localMidnight().minus(Duration.ofDays(3));
            addRegistry(RegistryVersions.site(PARIS.id(), PARIS.zone().getId()).region("ile-de-france")
                    .investorGroup("groupe-nord").country("FR").band(2.0, 6.0).everyDay("08:00-12:00", "13:30-18:00")
                    .effectiveFrom(PARIS.localMidnight()), published);
            addRegistry(RegistryVersions.site(KOLKATA.id(), KOLKATA.zone().getId()).region("west-bengal")
                    .country("IN").band(2.0, 6.0).everyDay("09:30-19:00")
                    .effectiveFrom(KOLKATA.localMidnight()), published);
            addRegistry(RegistryVersions.site(KOLKATA.id(), KOLKATA.zone().getId()).region("west-bengal")
                    .country("IN").band(1.5, 4.5).everyDay("09:30-14:00", "14:30-19:00")
                    .effectiveFrom(KOLKATA_SECOND_VERSION), published);
            addRegistry(RegistryVersions.site(SANTIAGO.id(), SANTIAGO.zone().getId()).region("metropolitana")
                    .investorGroup("andes-motors").country("CL").band(2.0, 5.0).everyDay("09:00-18:30")
                    .exception(DAY.minusDays(1), "inventory day")
                    .effectiveFrom(SANTIAGO.localMidnight().minus(Duration.ofDays(1))), published);
            addRegistry(RegistryVersions.site(REUNION.id(), REUNION.zone().getId()).region("ocean-indien")
                    .investorGroup("groupe-nord").country("RE").band(2.5, 6.0).everyDay("08:00-12:00", "14:00-17:30")
                    .effectiveFrom(REUNION.localMidnight()), published);
        }

        private void addRegistry(SiteRegistryVersion version, Instant published) {
            String key = Topic.registryKey(version.getSiteId(), version.getEffectiveFrom().toEpochMilli());
            sends.add(Send.of(Topic.SITE_REGISTRY, key, version, published));
        }

        /** One undecodable record per topic: truncated Avro on most, bytes that are not Avro at all on two. */
        private void corruptRecords() {
            AvroCodec codec = AvroCodec.released();
            Instant when = KOLKATA.at("13:00");
            for (Topic topic : List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS, Topic.SURVEYS,
                    Topic.SITE_REGISTRY, Topic.AGENT_STATUS)) {
                Send template = sends.stream().filter(s -> s.topic() == topic).findFirst().orElseThrow();
                byte[] bytes = topic == Topic.KIOSK || topic == Topic.SURVEYS
                        ? "{\"not\":\"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : Arrays.copyOf(template.value(codec), template.value(codec).length - 3);
                sends.add(Send.corrupt(topic, template.key(), bytes, when));
                planted.merge("corrupt", 1, Integer::sum);
            }
        }

        /** The events of one site's day. */
        private final class SiteDay {
            private final ScenarioSite site;
            private final Random random;
            private final SiteRecords records;
            private final List<Send> siteSends = new ArrayList<>();
            private int messageSeq;

            SiteDay(ScenarioSite site, Random random) {
                this.site = site;
                this.random = random;
                this.records = new SiteRecords(site.id());
            }

            void generate() {
                footfall();
                advisors();
                List<String[]> appointments = appointments();
                visits(appointments);
                feedback();
                surveys();
                heartbeats();
                lateSends();
                duplicates();
                if (site == SANTIAGO) {
                    tooLate();
                }
                sends.addAll(siteSends);
            }

            private void footfall() {
                Instant from = site.opening().minus(Duration.ofMinutes(15));
                Instant to = site.closing().plus(Duration.ofMinutes(10));
                for (Instant t = from; t.isBefore(to); t = t.plus(COUNTER_INTERVAL)) {
                    boolean open = isOpen(t);
                    boolean firstQuarter = !t.isBefore(site.opening()) && t.isBefore(site.opening().plus(Duration.ofMinutes(15)));
                    // Kolkata: someone in the first quarter-hour, nobody on duty yet (unstaffed);
                    // Santiago: nobody at all in it (idle)
                    int receptionIn = firstQuarter && site == KOLKATA ? 1 + random.nextInt(3)
                            : firstQuarter && site == SANTIAGO ? 0
                            : open ? random.nextInt(6) : random.nextInt(2);
                    Instant sent = t.plus(COUNTER_INTERVAL).plusSeconds(1 + random.nextInt(20));
                    agent(Topic.FOOTFALL, records.footfall("door-1", "reception", true, Direction.IN,
                            receptionIn, t, COUNTER_INTERVAL), sent);
                    agent(Topic.FOOTFALL, records.footfall("door-1", "reception", true, Direction.OUT,
                            open ? random.nextInt(6) : random.nextInt(2), t, COUNTER_INTERVAL), sent);
                    agent(Topic.FOOTFALL, records.footfall("door-2", "workshop", false, Direction.IN,
                            random.nextInt(4), t, COUNTER_INTERVAL), sent);
                    agent(Topic.FOOTFALL, records.footfall("door-2", "workshop", false, Direction.OUT,
                            random.nextInt(4), t, COUNTER_INTERVAL), sent);
                }
            }

            /**
             * Three advisors. adv-1: on at opening (Paris: ten minutes before; Kolkata and Santiago:
             * twenty minutes late, leaving the first quarter-hour without staff), signs on again
             * by mistake, off twenty minutes before closing. adv-2: on mid-morning at an odd second,
             * off for lunch, back after lunch, off before closing. adv-3: on late morning, off in the
             * afternoon, except in Reunion where the sign-off is forgotten (duty ends at closing).
             */
            private void advisors() {
                Instant open = site.opening();
                Instant adv1On = site == PARIS ? open.minus(Duration.ofMinutes(10))
                        : site == KOLKATA || site == SANTIAGO ? open.plus(Duration.ofMinutes(20))
                        : open.plusSeconds(random.nextInt(300));
                kiosk(records.signOn(nextMessage(), "adv-1", adv1On));
                kiosk(records.signOn(nextMessage(), "adv-1", adv1On.plus(Duration.ofMinutes(47))));
                kiosk(records.signOff(nextMessage(), "adv-1", site.closing().minus(Duration.ofMinutes(20))));

                Instant adv2On = open.plus(Duration.ofMinutes(67)).plusSeconds(random.nextInt(600)).plusMillis(250);
                kiosk(records.signOn(nextMessage(), "adv-2", adv2On));
                if (site.hasLunchClosure()) {
                    kiosk(records.signOff(nextMessage(), "adv-2", site.lunchStart().plus(Duration.ofMinutes(3))));
                    kiosk(records.signOn(nextMessage(), "adv-2", site.lunchEnd().minus(Duration.ofMinutes(5))));
                }
                kiosk(records.signOff(nextMessage(), "adv-2", site.closing().minus(Duration.ofMinutes(52)).plusSeconds(17)));

                Instant adv3On = site.at("11:07:30");
                kiosk(records.signOn(nextMessage(), "adv-3", adv3On));
                if (site != REUNION) {
                    kiosk(records.signOff(nextMessage(), "adv-3", site.at("16:52")));
                }
                kiosk(records.signOff(nextMessage(), "adv-unknown", site.at("10:00"))); // unmatched: nothing
            }

            /**
             * A dozen appointments booked the day before; some rescheduled or cancelled early on the
             * day, one cancelled then rescheduled (reactivated), one moved outside opening hours.
             * Returns {ref, customer arrival or null} for the customers who come.
             */
            private List<String[]> appointments() {
                List<String[]> arrivals = new ArrayList<>();
                Instant bookedAt = site.localMidnight().minus(Duration.ofHours(10));
                for (int n = 0; n < 12; n++) {
                    String ref = "apt-" + site.id() + "-" + n;
                    Instant scheduled = randomTimeForVisit(Duration.ofMinutes(20));
                    importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.BOOKED, scheduled,
                            bookedAt.plus(Duration.ofMinutes(n))), bookedAt.plus(Duration.ofMinutes(n + 1)));
                    Instant current = scheduled;
                    boolean cancelled = false;
                    Instant actionTime = site.opening().minus(Duration.ofMinutes(90 - n));
                    switch (n) {
                        case 1, 2 -> {
                            current = randomTimeForVisit(Duration.ofMinutes(20));
                            importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.RESCHEDULED, current,
                                    actionTime), actionTime.plusSeconds(60));
                        }
                        case 3, 4 -> {
                            cancelled = true;
                            Instant cancelAt = n == 4 ? site.at("11:00") : actionTime; // 4: cancelled during the day
                            importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.CANCELLED, scheduled,
                                    cancelAt), cancelAt.plusSeconds(60));
                        }
                        case 5 -> {
                            importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.CANCELLED, scheduled,
                                    actionTime), actionTime.plusSeconds(60));
                            current = randomTimeForVisit(Duration.ofMinutes(20));
                            Instant reactivated = actionTime.plus(Duration.ofMinutes(30));
                            importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.RESCHEDULED, current,
                                    reactivated), reactivated.plusSeconds(60));
                        }
                        case 6 -> {
                            current = site.closing().plus(Duration.ofMinutes(30)); // due nowhere
                            importer(Topic.APPOINTMENTS, records.appointment(ref, AppointmentAction.RESCHEDULED, current,
                                    actionTime), actionTime.plusSeconds(60));
                        }
                        default -> { }
                    }
                    boolean comes = n == 3 || (!cancelled && n != 6 && random.nextInt(10) < 8);
                    if (comes) {
                        Instant arrival = current.plusSeconds(random.nextInt(900) - 600);
                        if (isOpenForVisit(arrival)) {
                            arrivals.add(new String[] {ref, arrival.toString()});
                        }
                    }
                }
                return arrivals;
            }

            /** Walk-ins, appointment customers, a few unknown references, some re-scanned tickets, some never served. */
            private void visits(List<String[]> appointmentCustomers) {
                List<Object[]> checkIns = new ArrayList<>();
                for (Instant[] interval : site.openIntervals()) {
                    Instant t = interval[0].plusSeconds(60 + random.nextInt(240));
                    while (t.plus(Duration.ofMinutes(16)).isBefore(interval[1])) {
                        String ref = random.nextInt(20) == 0 ? "unknown-" + random.nextInt(1000) : null;
                        checkIns.add(new Object[] {t, ref});
                        t = t.plusSeconds(120 + random.nextInt(600)).plusMillis(random.nextInt(1000));
                    }
                }
                for (String[] customer : appointmentCustomers) {
                    checkIns.add(new Object[] {Instant.parse(customer[1]), customer[0]});
                }
                checkIns.sort(Comparator.comparing(c -> (Instant) c[0]));
                int visit = 0;
                for (Object[] checkIn : checkIns) {
                    String visitId = "T" + (++visit);
                    Instant at = (Instant) checkIn[0];
                    kiosk(records.checkIn(nextMessage(), visitId, (String) checkIn[1], at));
                    if (random.nextInt(20) == 0) {
                        kiosk(records.checkIn(nextMessage(), visitId, (String) checkIn[1], at.plusSeconds(90)));
                    }
                    if (random.nextInt(10) != 0) {
                        Instant served = at.plusSeconds(20 + random.nextInt(600)).plusMillis(random.nextInt(1000));
                        kiosk(records.served(nextMessage(), visitId, "adv-" + (1 + random.nextInt(3)), served));
                    }
                }
            }

            private void feedback() {
                for (int i = 0; i < 6; i++) {
                    kiosk(records.feedback(nextMessage(), 1 + random.nextInt(4), randomTimeForVisit(Duration.ZERO)));
                }
            }

            private void surveys() {
                for (int i = 0; i < 3; i++) {
                    Instant at = site.at("20:00").plus(Duration.ofMinutes(i));
                    importer(Topic.SURVEYS, records.survey(site.id() + "-r" + i, random.nextInt(11), 1 + random.nextInt(5),
                            DAY, at), at);
                }
            }

            /** Every 5 minutes from an hour before opening to 30 minutes after closing. */
            private void heartbeats() {
                Instant agentStart = site.localMidnight().minus(Duration.ofDays(2));
                long sequence = 0;
                Instant end = site.closing().plus(Duration.ofMinutes(30));
                for (Instant t = site.opening().minus(Duration.ofHours(1)); !t.isAfter(end); t = t.plus(HEARTBEAT_INTERVAL)) {
                    agent(Topic.AGENT_STATUS, records.heartbeat(agentStart, ++sequence, t), t);
                }
            }

            /**
             * Three reception counts of the first two hours and the first served event held back
             * for three hours: late on the site clock, still within the allowed lateness.
             */
            private void lateSends() {
                List<Integer> receptionIn = new ArrayList<>();
                Integer served = null;
                for (int i = 0; i < siteSends.size(); i++) {
                    Send send = siteSends.get(i);
                    if (send.record() instanceof io.dealerpulse.events.FootfallEvent f && f.getReceptionDoor()
                            && f.getDirection() == Direction.IN && f.getCount() > 0 && isOpen(f.getEventTime())
                            && f.getEventTime().isBefore(site.opening().plus(Duration.ofHours(2)))) {
                        receptionIn.add(i);
                    }
                    if (served == null && send.record() instanceof io.dealerpulse.events.KioskEvent k
                            && k.getType() == io.dealerpulse.events.KioskEventType.SERVED) {
                        served = i;
                    }
                }
                List<Integer> held = new ArrayList<>(List.of(receptionIn.get(3), receptionIn.get(9), receptionIn.get(15)));
                held.add(served);
                for (int index : held) {
                    Send send = siteSends.get(index);
                    siteSends.set(index, Send.of(send.topic(), send.key(), send.record(),
                            send.sendTime().plus(Duration.ofHours(3))));
                    planted.merge("late", 1, Integer::sum);
                }
            }

            /**
             * About 2% of the site's agent records re-sent 1–3 minutes later (same event id), and one
             * appointment action re-sent by the importer.
             */
            private void duplicates() {
                List<Send> agentSends = new ArrayList<>(siteSends);
                for (Send send : agentSends) {
                    if (send.topic() != Topic.APPOINTMENTS && send.topic() != Topic.SURVEYS && random.nextInt(50) == 0) {
                        siteSends.add(Send.of(send.topic(), send.key(), send.record(),
                                send.sendTime().plusSeconds(60 + random.nextInt(120))));
                        planted.merge("duplicate", 1, Integer::sum);
                    }
                }
                Send appointment = agentSends.stream().filter(s -> s.topic() == Topic.APPOINTMENTS).findFirst().orElseThrow();
                siteSends.add(Send.of(appointment.topic(), appointment.key(), appointment.record(),
                        appointment.sendTime().plusSeconds(5)));
                planted.merge("duplicate", 1, Integer::sum);

            }

            /**
             * Counts and a feedback press from the closed day before, re-sent at noon: more than the
             * allowed lateness (24 h) behind the clock that the site's own noon records have set.
             */
            private void tooLate() {
                Instant sent = site.at("12:00");
                for (int i = 0; i < 3; i++) {
                    Instant t = site.at("10:00").minus(Duration.ofDays(1)).plus(COUNTER_INTERVAL.multipliedBy(i));
                    siteSends.add(Send.of(Topic.FOOTFALL, site.id(), records.footfall("door-1", "reception", true,
                            Direction.IN, 2, t, COUNTER_INTERVAL), sent));
                    planted.merge("too_late", 1, Integer::sum);
                }
                siteSends.add(Send.of(Topic.KIOSK, site.id(), records.feedback(nextMessage(), 4,
                        site.at("09:00").minus(Duration.ofDays(1))), sent));
                planted.merge("too_late", 1, Integer::sum);
            }

            private Instant randomTimeForVisit(Duration margin) {
                List<Instant[]> intervals = site.openIntervals();
                Instant[] interval = intervals.get(random.nextInt(intervals.size()));
                long span = Duration.between(interval[0], interval[1]).minus(Duration.ofMinutes(30)).minus(margin).toSeconds();
                return interval[0].plus(margin).plusSeconds(random.nextInt((int) span) / 60 * 60);
            }

            private boolean isOpen(Instant t) {
                return site.openIntervals().stream().anyMatch(i -> !t.isBefore(i[0]) && t.isBefore(i[1]));
            }

            /** Open at check-in and still open 16 minutes later, so the customer is served in opening hours. */
            private boolean isOpenForVisit(Instant t) {
                return site.openIntervals().stream()
                        .anyMatch(i -> !t.isBefore(i[0]) && t.plus(Duration.ofMinutes(16)).isBefore(i[1]));
            }

            private String nextMessage() {
                return "m" + (++messageSeq);
            }

            private void kiosk(SpecificRecord event) {
                Instant time = ((io.dealerpulse.events.KioskEvent) event).getEventTime();
                agent(Topic.KIOSK, event, time.plusMillis(300 + random.nextInt(20_000)));
            }

            private void agent(Topic topic, SpecificRecord event, Instant sent) {
                siteSends.add(Send.of(topic, site.id(), event, sent));
            }

            private void importer(Topic topic, SpecificRecord event, Instant sent) {
                siteSends.add(Send.of(topic, site.id(), event, sent));
            }
        }
    }
}
