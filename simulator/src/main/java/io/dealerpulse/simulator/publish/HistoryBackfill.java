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
 * previous ones ({@link #paceBoundaries}): every site's local midnight is a boundary, so a day's events
 * are all read before the event that closes the day (its daily values are final when written), and a
 * boundary every {@link #MAX_SLICE} keeps any topic within hours of the others (nothing is too late).
 * Inside a slice the three topics still interleave freely, so a minute point written inside a slice
 * may differ from run to run; one written just before a boundary may not.
 */
public final class HistoryBackfill {
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

    /** The longest slice of paced traffic (event time). */
    public static final Duration MAX_SLICE = Duration.ofHours(6);

    /** What the back-fill sent. */
    public record Summary(int sites, int registryVersions, int appointmentActions, int surveys, long trafficRecords) {}

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
     * streams and after every {@link #SLICE} of traffic (see the class comment).
     */
    public Summary run(BusinessImports imports, Publisher publisher, Progress progress, ReadBarrier barrier)
            throws InterruptedException {
        Instant now = network.now();
        List<SourceRow> registry = registryRows();
        List<SourceRow> appointments = appointmentRows();
        List<SourceRow> surveys = surveyRows();
        List<AgentRecord> traffic = trafficRecords();
        long total = registry.size() + appointments.size() + surveys.size() + traffic.size();
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
        List<Instant> boundaries = traffic.isEmpty() || barrier == ReadBarrier.NONE ? List.of()
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
                traffic.size());
    }

    /**
     * Where the paced traffic waits for the job, in (from, to]: every site's local midnights and every
     * {@link #MAX_SLICE} of UTC time, sorted. No event before a boundary is read after one at or past it.
     */
    public List<Instant> paceBoundaries(Instant from, Instant to) {
        java.util.TreeSet<Instant> boundaries = new java.util.TreeSet<>();
        long step = MAX_SLICE.toMillis();
        for (long t = Math.floorDiv(from.toEpochMilli(), step) * step + step; t <= to.toEpochMilli(); t += step) {
            boundaries.add(Instant.ofEpochMilli(t));
        }
        for (SiteProfile site : network.scenario().sites()) {
            for (LocalDate d = from.atZone(site.zone()).toLocalDate(); ; d = d.plusDays(1)) {
                Instant midnight = d.plusDays(1).atStartOfDay(site.zone()).toInstant();
                if (midnight.isAfter(to)) {
                    break;
                }
                if (midnight.isAfter(from)) {
                    boundaries.add(midnight);
                }
            }
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
