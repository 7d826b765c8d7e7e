package io.dealerpulse.simulator.publish;

import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.simulator.history.AgentRecord;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.rows.ImportRows;
import io.dealerpulse.simulator.scenario.BookingAction;
import io.dealerpulse.simulator.scenario.SiteDay;
import io.dealerpulse.simulator.scenario.SurveyAnswer;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the network's past into Kafka before the live phase, the way a network would: the registry,
 * the booking system's and survey tool's exports through the importer, then the sites' traffic as
 * their agents' records, in event-time order.
 *
 * <p>Order matters because the jobs read each topic in parallel and each site's clock follows its
 * agent records: the business streams (which never move a site's clock) go first, so no appointment
 * of a back-filled day arrives after that day's windows were finalised; the traffic then goes in
 * event-time order across sites, so each site's clock only moves forward.
 *
 * <p>Event-time order on the producer side is not enough: the job reads footfall, kiosk and heartbeats
 * from three topics whose sources interleave as they please, so a back-fill published at once lets the
 * heartbeat topic run days ahead of the kiosk topic — its events then arrive behind their site's clock,
 * late (rewritten minutes) or beyond the allowed lateness (too late: lost for every KPI). Given a
 * {@link ReadBarrier}, the traffic goes in slices and each slice waits until the job has read the
 * previous ones ({@link #paceBoundaries}). A pause costs a round trip through Kafka and the job, so
 * there are only the two kinds that matter: every site's local midnight, so a day's events are all
 * read before the event that closes the day (its daily values are final when written, no correction
 * and no transient tier change), and a boundary at least every {@link #MAX_SLICE}, far inside the
 * job's allowed lateness (24 h), so no topic can trail another by enough to be too late (with sites
 * in several zones the midnights alone are closer than that). Inside a slice the three topics still
 * interleave freely: a late event there is within the allowed lateness and corrects its window, but a
 * minute point written inside a slice may differ from run to run; one written just before a boundary
 * may not.
 */
public final class HistoryBackfill {
    /**
     * The fewest whole days of traffic before today that give today's score a trend at once. The trend
     * compares the daily scores of D−7…D−1 with those of D−14…D−8 and needs 4 in each; a day has a daily
     * score once its site's clock passed its end, and the clock starts 2 minutes (the out-of-orderness)
     * before the first traffic, at D−10 00:00, so the day before the history, D−11, gets one too.
     */
    public static final int DAYS_FOR_TRENDS = 10;

    /**
     * The fewest days of traffic for trends that are not skewed by the start of the history: the day
     * before the first traffic has only surveys, so its daily score is the satisfaction component alone
     * (usually the lowest one); kept out of D−14…D−8, the trend compares like with like.
     */
    public static final int DAYS_FOR_UNSKEWED_TRENDS = 14;

    /** How far ahead appointments are booked (the generator books 1 to 10 days ahead). */
    public static final int BOOKING_HORIZON_DAYS = 11;

    /** Receives progress: records sent so far out of the total, and the phase. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total, String phase);
    }

    /** Blocks until the job has read the records sent so far (per topic, cumulative counts). */
    @FunctionalInterface
    public interface ReadBarrier {
        ReadBarrier NONE = published -> {};

        void awaitRead(Map<Topic, Long> published) throws InterruptedException;
    }

    /**
     * The longest slice of paced traffic (event time): half the jobs' default allowed lateness, so a topic
     * racing ahead inside a slice never makes another one too late, even on a 25-hour DST day.
     */
    public static final Duration MAX_SLICE = Duration.ofHours(12);

    /**
     * What the back-fill sent, and how long it waited for the job.
     *
     * @param pauses times it waited at a {@link ReadBarrier}
     * @param waited time spent waiting there in all
     */
    public record Summary(int sites, int registryVersions, int appointmentActions, int surveys, long trafficRecords,
            int pauses, Duration waited) {}

    /** Everything the back-fill will send, computed up front (pure, CPU only: can run while servers start). */
    public record Plan(Instant now, List<SourceRow> registry, List<SourceRow> appointments, List<SourceRow> surveys,
            List<AgentRecord> traffic) {
        long total() {
            return registry.size() + appointments.size() + surveys.size() + traffic.size();
        }
    }

    private final SimulatedNetwork network;
    private final int trafficDays;
    private final int surveyDays;

    /**
     * @param trafficDays whole local days of traffic before today (today's traffic up to now is always included)
     * @param surveyDays days of survey answers before today
     */
    public HistoryBackfill(SimulatedNetwork network, int trafficDays, int surveyDays) {
        if (trafficDays < 0 || surveyDays < 0 || trafficDays > 60 || surveyDays > 400) {
            throw new IllegalArgumentException("history must be 0-60 days of traffic and 0-400 days of surveys, got "
                    + trafficDays + " and " + surveyDays);
        }
        this.network = network;
        this.trafficDays = trafficDays;
        this.surveyDays = surveyDays;
    }

    /** The registry rows: every site's version, effective from before the oldest surveyed day. */
    public List<SourceRow> registryRows() {
        List<SourceRow> rows = new ArrayList<>();
        for (SiteProfile site : network.scenario().sites()) {
            LocalDate effective = network.localDate(site).minusDays(Math.max(trafficDays, surveyDays) + 1L);
            rows.add(ImportRows.registry(rows.size() + 2, site, effective));
        }
        return rows;
    }

    /** Booking actions recorded before now, for appointments of the back-filled days and the days booked ahead. */
    public List<SourceRow> appointmentRows() {
        record Row(SiteProfile site, BookingAction action) {}
        List<Row> actions = new ArrayList<>();
        for (SiteProfile site : network.scenario().sites()) {
            LocalDate today = network.localDate(site);
            for (SiteDay day : network.scenario().days(site, today.minusDays(trafficDays),
                    today.plusDays(BOOKING_HORIZON_DAYS))) {
                day.bookings().stream().filter(b -> b.actionTime().isBefore(network.now()))
                        .forEach(b -> actions.add(new Row(site, b)));
            }
        }
        actions.sort(Comparator.comparing((Row r) -> r.action().actionTime()));
        List<SourceRow> rows = new ArrayList<>();
        actions.forEach(r -> rows.add(ImportRows.appointment(rows.size() + 2, r.site(), r.action())));
        return rows;
    }

    /** Survey answers received before now about the last {@code surveyDays} days, with their original arrival time. */
    public List<SourceRow> surveyRows() {
        record Row(SiteProfile site, SurveyAnswer answer) {}
        List<Row> answers = new ArrayList<>();
        for (SiteProfile site : network.scenario().sites()) {
            LocalDate today = network.localDate(site);
            for (SiteDay day : network.scenario().days(site, today.minusDays(surveyDays), today)) {
                day.surveys().stream().filter(s -> s.receivedAt().isBefore(network.now()))
                        .forEach(s -> answers.add(new Row(site, s)));
            }
        }
        answers.sort(Comparator.comparing((Row r) -> r.answer().receivedAt()));
        List<SourceRow> rows = new ArrayList<>();
        answers.forEach(r -> rows.add(ImportRows.survey(rows.size() + 2, r.site(), r.answer(), true)));
        return rows;
    }

    /** The sites' agent records from the start of the traffic history to now, in event-time order. */
    public List<AgentRecord> trafficRecords() {
        List<AgentRecord> records = new ArrayList<>();
        for (SiteProfile site : network.scenario().sites()) {
            LocalDate today = network.localDate(site);
            Instant from = today.minusDays(trafficDays).atStartOfDay(site.zone()).toInstant();
            for (SiteDay day : network.scenario().days(site, today.minusDays(trafficDays), today)) {
                records.addAll(network.history(site).records(day, from, network.now()));
            }
        }
        records.sort(Comparator.comparing(AgentRecord::eventTime)); // stable: per-site order kept on ties
        return records;
    }

    /** Sends everything through {@code imports} and {@code publisher}; returns once Kafka acknowledged all of it. */
    public Summary run(BusinessImports imports, Publisher publisher, Progress progress) throws InterruptedException {
        return run(imports, publisher, progress, ReadBarrier.NONE);
    }

    /**
     * As {@link #run(BusinessImports, Publisher, Progress)}, waiting at {@code barrier} after the business
     * streams and at every {@link #paceBoundaries pace boundary} of the traffic (see the class comment).
     */
    public Summary run(BusinessImports imports, Publisher publisher, Progress progress, ReadBarrier barrier)
            throws InterruptedException {
        return run(plan(), imports, publisher, progress, barrier);
    }

    /** The records to send, in the order they will be sent. */
    public Plan plan() {
        return new Plan(network.now(), registryRows(), appointmentRows(), surveyRows(), trafficRecords());
    }

    /** As {@link #run(BusinessImports, Publisher, Progress, ReadBarrier)}, with a plan computed beforehand. */
    public Summary run(Plan plan, BusinessImports imports, Publisher publisher, Progress progress, ReadBarrier barrier)
            throws InterruptedException {
        Instant now = plan.now();
        List<SourceRow> registry = plan.registry();
        List<SourceRow> appointments = plan.appointments();
        List<SourceRow> surveys = plan.surveys();
        List<AgentRecord> traffic = plan.traffic();
        long total = plan.total();
        TimedBarrier timed = new TimedBarrier(barrier);
        barrier = timed;
        progress.update(0, total, "registry");
        long registryRecords = imports.registry(registry, now).accepted().size();
        progress.update(registry.size(), total, "appointments");
        long appointmentRecords = imports.appointments(appointments, now).accepted().size();
        progress.update(registry.size() + appointments.size(), total, "surveys");
        long surveyRecords = imports.surveys(surveys, now).accepted().size();
        Map<Topic, Long> published = new EnumMap<>(Topic.class);
        published.put(Topic.SITE_REGISTRY, registryRecords);
        published.put(Topic.APPOINTMENTS, appointmentRecords);
        published.put(Topic.SURVEYS, surveyRecords);
        barrier.awaitRead(published);
        long done = registry.size() + appointments.size() + surveys.size();
        progress.update(done, total, "traffic");
        int sinceAck = 0;
        List<Instant> boundaries = traffic.isEmpty() || timed.delegate == ReadBarrier.NONE ? List.of()
                : paceBoundaries(traffic.get(0).eventTime(), now);
        int nextBoundary = 0;
        for (AgentRecord record : traffic) {
            if (nextBoundary < boundaries.size() && !record.eventTime().isBefore(boundaries.get(nextBoundary))) {
                while (nextBoundary < boundaries.size() && !record.eventTime().isBefore(boundaries.get(nextBoundary))) {
                    nextBoundary++;
                }
                awaitAcknowledged(publisher);
                barrier.awaitRead(published);
                sinceAck = 0;
                progress.update(done, total, "traffic");
            }
            publisher.send(record.topic(), record.key(), record.value());
            published.merge(record.topic(), 1L, Long::sum);
            done++;
            if (++sinceAck == 2_000) {
                awaitAcknowledged(publisher);
                sinceAck = 0;
                progress.update(done, total, "traffic");
            }
        }
        awaitAcknowledged(publisher);
        barrier.awaitRead(published);
        progress.update(done, total, "done");
        return new Summary(network.scenario().sites().size(), registry.size(), appointments.size(), surveys.size(),
                traffic.size(), timed.pauses, Duration.ofNanos(timed.waitedNanos));
    }

    /** Counts the pauses and the time spent in them (for the demo's start-up figures). */
    private static final class TimedBarrier implements ReadBarrier {
        private final ReadBarrier delegate;
        private int pauses;
        private long waitedNanos;

        TimedBarrier(ReadBarrier delegate) {
            this.delegate = delegate;
        }

        @Override
        public void awaitRead(Map<Topic, Long> published) throws InterruptedException {
            long start = System.nanoTime();
            delegate.awaitRead(published);
            waitedNanos += System.nanoTime() - start;
            pauses++;
        }
    }

    /**
     * Where the paced traffic waits for the job, in (from, to]: every site's local midnights, just after
     * each site's first traffic instant (its first local midnight at or after {@code from}), and more
     * points wherever two consecutive ones (or {@code from}) are more than {@link #MAX_SLICE} apart, sorted.
     * No event before a boundary is read after one at or past it.
     *
     * <p>The pause after a site's first instant fixes where its clock starts: the job reads the site's
     * first heartbeat before any later event of the site, whichever topic its sources poll first, so the
     * day before the history gets its daily score in every run (otherwise that depends on the race).
     */
    public List<Instant> paceBoundaries(Instant from, Instant to) {
        java.util.TreeSet<Instant> midnights = new java.util.TreeSet<>();
        for (SiteProfile site : network.scenario().sites()) {
            LocalDate firstDay = from.atZone(site.zone()).toLocalDate();
            Instant firstTraffic = firstDay.atStartOfDay(site.zone()).toInstant();
            if (firstTraffic.isBefore(from)) {
                firstTraffic = firstDay.plusDays(1).atStartOfDay(site.zone()).toInstant();
            }
            Instant afterFirst = firstTraffic.plusMillis(1);
            if (afterFirst.isAfter(from) && afterFirst.isBefore(to)) {
                midnights.add(afterFirst);
            }
            for (LocalDate d = firstDay; ; d = d.plusDays(1)) {
                Instant midnight = d.plusDays(1).atStartOfDay(site.zone()).toInstant();
                if (midnight.isAfter(to)) {
                    break;
                }
                if (midnight.isAfter(from)) {
                    midnights.add(midnight);
                }
            }
        }
        midnights.add(to);
        List<Instant> boundaries = new ArrayList<>();
        Instant previous = from;
        for (Instant next : midnights) {
            for (Instant t = previous.plus(MAX_SLICE); t.isBefore(next); t = t.plus(MAX_SLICE)) {
                boundaries.add(t);
            }
            if (next.isBefore(to)) {
                boundaries.add(next);
            }
            previous = next;
        }
        return List.copyOf(boundaries);
    }

    private static void awaitAcknowledged(Publisher publisher) throws InterruptedException {
        Publisher.Acknowledgements acks = publisher.awaitAll();
        if (acks.failed() > 0) {
            throw new IllegalStateException("Kafka did not acknowledge " + acks.failed() + " history record(s): "
                    + acks.firstError());
        }
    }
}
