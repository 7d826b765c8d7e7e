package io.dealerpulse.bench.job;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.Weekday;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generated network of {@code sites} synthetic sites and a day-slice of their reception traffic,
 * written straight to the input topics: cheap enough to fill the keyed state of 10,000 sites, which
 * the simulator's back-fill cannot in a benchmark's time (about 500 records per site and day, and
 * minutes of planning per thousand sites).
 *
 * <p>Per site: one registry version (open 08:00-19:00 UTC every day, one of {@link #COUNTRIES}), two
 * advisors signing on at 08:00, then {@code visits} visits spread evenly over 08:00 to {@link #NOW}
 * on {@link #DAY}: a reception-door entry, a kiosk check-in 1 min later, served 5 min after that, an
 * exit 30 min after the entry; every other visit has an appointment booked the day before (with
 * the check-in carrying its reference), every fourth leaves a kiosk feedback (1-4). So each site's state
 * holds what a mid-afternoon reception day leaves in both keyed operators: retained entries,
 * check-ins, served marks, duty events and appointments, closed windows, the score's daily states.
 * Traffic goes in event-time order across sites (visit by visit), business records first, as the
 * simulator's back-fill does, so each site's clock only moves forward.
 */
final class SyntheticNetwork {
    static final Instant DAY = Instant.parse("2026-03-04T00:00:00Z");
    static final Instant NOW = DAY.plus(Duration.ofHours(15));
    private static final Instant OPEN = DAY.plus(Duration.ofHours(8));
    private static final List<String> COUNTRIES = List.of("FR", "DE", "ES", "IT", "BE");
    private static final int FLUSH_EVERY = 50_000;

    private final int sites;
    private final int visits;

    SyntheticNetwork(int sites, int visits) {
        this.sites = sites;
        this.visits = visits;
    }

    static String siteId(int i) {
        return String.format(Locale.ROOT, "SYN-%05d", i);
    }

    /** Records per site the fill writes: registry, 2 sign-ons, 4 per visit, an appointment every other, feedback every fourth. */
    int recordsPerSite() {
        return 1 + 2 + 4 * visits + (visits + 1) / 2 + (visits + 3) / 4;
    }

    /** Writes the whole network and waits for every acknowledgement; returns the records Kafka acknowledged. */
    long fill(KafkaEndpoint kafka) throws Exception {
        long written = 0;
        try (KafkaPublisher publisher = KafkaPublisher.connect(kafka.bootstrapServers(), Map.of(),
                List.of(Topic.values()), true, Duration.ofSeconds(30))) {
            for (int i = 0; i < sites; i++) {
                SiteRegistryVersion registry = registry(siteId(i), COUNTRIES.get(i % COUNTRIES.size()),
                        DAY.minus(Duration.ofDays(30)));
                publisher.send(Topic.SITE_REGISTRY, Topic.registryKey(registry.getSiteId(),
                        registry.getEffectiveFrom().toEpochMilli()), registry);
            }
            written += flush(publisher);
            for (int v = 0; v < visits; v += 2) {
                for (int i = 0; i < sites; i++) {
                    publisher.send(Topic.APPOINTMENTS, siteId(i), booking(i, v));
                }
                written += flush(publisher);
            }
            for (int i = 0; i < sites; i++) {
                for (int a = 0; a < 2; a++) {
                    publisher.send(Topic.KIOSK, siteId(i), kiosk(i, "on-" + a, KioskEventType.SIGN_ON, null,
                            advisor(i, a), null, OPEN.plusSeconds(i % 60)));
                }
            }
            written += flush(publisher);
            for (int v = 0; v < visits; v++) {
                for (int i = 0; i < sites; i++) {
                    visit(publisher, i, v);
                }
                written += flush(publisher);
            }
        }
        return written;
    }

    private static long flush(KafkaPublisher publisher) throws InterruptedException {
        Publisher.Acknowledgements acks = publisher.awaitAll();
        if (acks.failed() > 0) {
            throw new IllegalStateException(acks.failed() + " records were not acknowledged by Kafka: "
                    + acks.firstError());
        }
        return acks.acknowledged();
    }

    private Instant entryTime(int site, int visit) {
        long span = Duration.between(OPEN, NOW.minus(Duration.ofMinutes(40))).toMillis();
        return OPEN.plusMillis(span * visit / Math.max(1, visits) + (site % 60) * 1000L);
    }

    private void visit(KafkaPublisher publisher, int site, int v) {
        String id = siteId(site);
        Instant in = entryTime(site, v);
        String visitId = "visit-" + v;
        String ref = v % 2 == 0 ? appointmentRef(site, v) : null;
        publisher.send(Topic.FOOTFALL, id, footfall(site, "in-" + v, Direction.IN, in));
        publisher.send(Topic.KIOSK, id, kiosk(site, "ci-" + v, KioskEventType.CHECK_IN, visitId, null, ref,
                in.plus(Duration.ofMinutes(1))));
        publisher.send(Topic.KIOSK, id, kiosk(site, "sv-" + v, KioskEventType.SERVED, visitId, advisor(site, v % 2),
                null, in.plus(Duration.ofMinutes(6))));
        if (v % 4 == 0) {
            KioskEvent feedback = kiosk(site, "fb-" + v, KioskEventType.FEEDBACK, null, null, null,
                    in.plus(Duration.ofMinutes(20)));
            feedback.setFeedbackScore(1 + (site + v) % 4);
            publisher.send(Topic.KIOSK, id, feedback);
        }
        publisher.send(Topic.FOOTFALL, id, footfall(site, "out-" + v, Direction.OUT, in.plus(Duration.ofMinutes(30))));
    }

    /** One more reception-door entry of {@code site} at {@code time}: the steady input after the fill. */
    static FootfallEvent liveEntry(int site, long sequence, Instant time) {
        return footfall(site, "live-" + sequence, Direction.IN, time);
    }

    private AppointmentEvent booking(int site, int v) {
        Instant scheduled = entryTime(site, v);
        Instant booked = scheduled.minus(Duration.ofDays(1));
        return AppointmentEvent.newBuilder()
                .setEventId(siteId(site) + "-appt-" + v)
                .setSiteId(siteId(site))
                .setDeviceId("booking-import")
                .setAppointmentRefPseudonym(appointmentRef(site, v))
                .setAction(AppointmentAction.BOOKED)
                .setScheduledTime(scheduled)
                .setEventTime(booked)
                .setReceivedTime(booked)
                .build();
    }

    private static String appointmentRef(int site, int v) {
        return "ref-" + site + "-" + v;
    }

    private static String advisor(int site, int a) {
        return "adv-" + site + "-" + a;
    }

    private static FootfallEvent footfall(int site, String suffix, Direction direction, Instant time) {
        return FootfallEvent.newBuilder()
                .setEventId(siteId(site) + "-ff-" + suffix)
                .setSiteId(siteId(site))
                .setDeviceId("door")
                .setLineId("main")
                .setReceptionDoor(true)
                .setDirection(direction)
                .setCount(1)
                .setEventTime(time)
                .setIntervalEnd(null)
                .setReceivedTime(time)
                .setDeviceTime(time)
                .setClockReplaced(false)
                .setCounterReset(false)
                .setSourceFormat(CounterFormat.GENERIC)
                .build();
    }

    private static KioskEvent kiosk(int site, String suffix, KioskEventType type, String visitId, String advisor,
            String appointmentRef, Instant time) {
        return KioskEvent.newBuilder()
                .setEventId(siteId(site) + "-k-" + suffix)
                .setSiteId(siteId(site))
                .setDeviceId("kiosk")
                .setKioskMessageId(suffix)
                .setType(type)
                .setVisitId(visitId)
                .setAdvisorPseudonym(advisor)
                .setAppointmentRefPseudonym(appointmentRef)
                .setFeedbackScore(null)
                .setEventTime(time)
                .setReceivedTime(time)
                .setDeviceTime(time)
                .setClockReplaced(false)
                .build();
    }

    /** Open 08:00-19:00 UTC every day. */
    private static SiteRegistryVersion registry(String siteId, String country, Instant from) {
        List<OpeningInterval> weekly = new ArrayList<>();
        for (Weekday day : Weekday.values()) {
            weekly.add(OpeningInterval.newBuilder().setDayOfWeek(day).setOpenMinute(8 * 60).setCloseMinute(19 * 60)
                    .build());
        }
        return SiteRegistryVersion.newBuilder()
                .setEventId(siteId + "-registry")
                .setSiteId(siteId)
                .setDeviceId("registry-import")
                .setName("Synthetic dealer " + siteId)
                .setRegion("north")
                .setInvestorGroup(null)
                .setCountry(country)
                .setTimeZone("UTC")
                .setWeeklyHours(weekly)
                .setExceptions(new ArrayList<>())
                .setTargetMin(1.0)
                .setTargetMax(4.0)
                .setEffectiveFrom(from)
                .setEventTime(from)
                .setReceivedTime(from)
                .build();
    }
}
