package io.dealerpulse.simulator.publish;

import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.simulator.device.DeviceMessage;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.rows.ImportRows;
import io.dealerpulse.simulator.scenario.SiteDay;
import io.dealerpulse.simulator.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live phase: from {@link SimulatedNetwork#now()} on, every site's devices publish their messages
 * over MQTT when the simulated clock reaches each message's time, and the booking system's and
 * survey tool's new rows are imported every {@link #IMPORT_EVERY} of simulated time, as a network's
 * periodic exports would be. Runs on its own thread until {@link #close()}.
 */
public final class LiveSimulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSimulation.class);
    /** How often (simulated) the business exports are imported. */
    public static final Duration IMPORT_EVERY = Duration.ofMinutes(15);

    private final SimulatedNetwork network;
    private final SimulatedClock clock;
    private final MqttDevicePublisher mqtt;
    private final BusinessImports imports;
    private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();
    private final AtomicLong imported = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private final PriorityQueue<SiteFeed> feeds = new PriorityQueue<>(Comparator.comparing(SiteFeed::head));
    private final PriorityQueue<PendingRow> rows = new PriorityQueue<>(Comparator.comparing(PendingRow::due));
    private LocalDate rowsQueuedUntil;
    private int appointmentLine = 1;
    private int surveyLine = 1;

    public LiveSimulation(SimulatedNetwork network, SimulatedClock clock, MqttDevicePublisher mqtt,
            BusinessImports imports) {
        this.network = network;
        this.clock = clock;
        this.mqtt = mqtt;
        this.imports = imports;
        this.thread = new Thread(this::run, "simulator-live");
        this.thread.setDaemon(true);
    }

    public void start() {
        for (SiteProfile site : network.scenario().sites()) {
            published.put(site.id(), new AtomicLong());
            SiteFeed feed = new SiteFeed(site, network.localDate(site));
            feed.fill();
            feeds.add(feed);
        }
        thread.start();
    }

    /** Device messages published so far for the site. */
    public long published(String siteId) {
        AtomicLong count = published.get(siteId);
        return count == null ? 0 : count.get();
    }

    /** Business rows imported during the live phase. */
    public long imported() {
        return imported.get();
    }

    /** The error that stopped the live phase, if any. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        Instant nextImport = clock.instant();
        try {
            while (!stopping) {
                SiteFeed feed = feeds.peek();
                Instant next = feed.head().isBefore(nextImport) ? feed.head() : nextImport;
                sleepUntil(next);
                if (stopping) {
                    return;
                }
                if (next.equals(nextImport) && !feed.head().isBefore(nextImport)) {
                    importDueRows();
                    nextImport = nextImport.plus(IMPORT_EVERY);
                    continue;
                }
                feeds.poll();
                DeviceMessage message = feed.take();
                mqtt.publish(message);
                published.get(message.siteId()).incrementAndGet();
                feed.fill();
                feeds.add(feed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
            if (!stopping) {
                LOG.error("The simulator's live phase stopped: {}", e.toString(), e);
            }
        }
    }

    private void sleepUntil(Instant simulated) throws InterruptedException {
        while (!stopping) {
            Duration wait = clock.realTimeUntil(simulated);
            if (wait.isZero()) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(200, wait.toMillis())));
        }
    }

    /** Imports the rows the exports would hold by now; queues the days booked ahead first. */
    private void importDueRows() throws InterruptedException {
        Instant now = clock.instant();
        LocalDate horizon = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(HistoryBackfill.BOOKING_HORIZON_DAYS);
        if (rowsQueuedUntil == null || rowsQueuedUntil.isBefore(horizon)) {
            queueRows(rowsQueuedUntil == null ? null : rowsQueuedUntil.plusDays(1), horizon);
            rowsQueuedUntil = horizon;
        }
        List<SourceRow> appointments = new ArrayList<>();
        List<SourceRow> surveys = new ArrayList<>();
        while (!rows.isEmpty() && !rows.peek().due().isAfter(now)) {
            PendingRow row = rows.poll();
            (row.survey() ? surveys : appointments).add(row.row());
        }
        imports.appointments(appointments, now);
        imports.surveys(surveys, now);
        imported.addAndGet(appointments.size() + surveys.size());
    }

    /** Rows recorded after the live start for days from {@code from} (null: the first live day) to {@code to}. */
    private void queueRows(LocalDate from, LocalDate to) {
        Instant liveStart = network.now();
        for (SiteProfile site : network.scenario().sites()) {
            LocalDate first = from == null ? network.localDate(site).minusDays(5) : from;
            for (SiteDay day : network.scenario().days(site, first, to)) {
                day.bookings().stream().filter(b -> !b.actionTime().isBefore(liveStart)).forEach(b -> rows.add(
                        new PendingRow(b.actionTime(), false, ImportRows.appointment(++appointmentLine, site, b))));
                day.surveys().stream().filter(s -> !s.receivedAt().isBefore(liveStart)).forEach(s -> rows.add(
                        new PendingRow(s.receivedAt(), true, ImportRows.survey(++surveyLine, site, s, false))));
            }
        }
    }

    private record PendingRow(Instant due, boolean survey, SourceRow row) {}

    /** One site's upcoming device messages, rendered a local day at a time. */
    private final class SiteFeed {
        private final SiteProfile site;
        private final Deque<DeviceMessage> pending = new ArrayDeque<>();
        private LocalDate nextDay;

        SiteFeed(SiteProfile site, LocalDate firstDay) {
            this.site = site;
            this.nextDay = firstDay;
        }

        void fill() {
            while (pending.isEmpty()) {
                SiteDay day = network.scenario().day(site, nextDay);
                nextDay = nextDay.plusDays(1);
                network.devices(site).messages(day).stream()
                        .filter(m -> !m.publishAt().isBefore(network.now()))
                        .forEach(pending::add);
            }
        }

        Instant head() {
            return pending.peekFirst().publishAt();
        }

        DeviceMessage take() {
            return pending.pollFirst();
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
