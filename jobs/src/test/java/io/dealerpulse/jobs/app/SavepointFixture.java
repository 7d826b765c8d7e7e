package io.dealerpulse.jobs.app;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.scenario.RegistryVersions;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.SiteRecords;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The committed savepoint fixtures ({@code jobs/src/test/resources/savepoints/v<release>/}): the
 * frozen input a release's {@link KpiJob} read before its canonical savepoint was taken, the input
 * a restore test sends after it, and the job arguments both use.
 *
 * <p><b>Frozen.</b> A fixture's savepoint holds the Kafka offsets of this exact input on topics of
 * these names and partition counts; the restore test publishes the same records again (same keys,
 * same order, so the same partitions and offsets) before it restores. Changing {@link #input()},
 * the topic names or the partition counts breaks every committed fixture: add a new method for a
 * new fixture instead. {@code fixture.properties} in each fixture directory records the counts per
 * stream and the partitions, and the restore test checks them against this class.
 *
 * <p>The input: three Paris dealerships on Tuesday 2026-03-10, 08:00-10:10 local (registry, sign-ons,
 * reception footfall every 5 minutes, check-ins and services, a booking, a survey, heartbeats every
 * 5 minutes). When the savepoint is taken each site's clock is at 10:08 (last heartbeat 10:10 minus
 * the 2-minute out-of-orderness), so the 10:00 window is still open and {@link #SERVED_LATER}'s
 * customer, who checked in at 09:50, is still waiting.
 */
final class SavepointFixture {
    /** Where the fixtures live, relative to the jobs module (the working directory of Maven's test runs). */
    static final Path SOURCE_DIRECTORY = Path.of("src", "test", "resources", "savepoints");
    /** The classpath folder of the fixtures. */
    static final String RESOURCE_FOLDER = "savepoints";
    static final String PROPERTIES_FILE = "fixture.properties";
    /** Topic names: the Flink topic name + this suffix (stored in the savepoint's Kafka splits). */
    static final String TOPIC_SUFFIX = ".savepoint-fixture";
    static final String GROUP_ID = "dealerpulse-savepoint-fixture";

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    static final List<String> SITES = List.of("fx-paris-01", "fx-paris-02", "fx-paris-03");
    /** The site the restore test continues. */
    static final String CONTINUED_SITE = SITES.get(0);
    static final Instant AGENT_START = at("07:00");
    static final Instant FIRST_HEARTBEAT = at("08:00");
    static final Instant LAST_HEARTBEAT = at("10:10");
    static final Instant FIRST_COUNT = at("08:30");
    static final Instant LAST_COUNT = at("10:05");
    static final Duration COUNT_INTERVAL = Duration.ofMinutes(5);
    /** The window still open at the savepoint: the continuation closes it. */
    static final Instant OPEN_WINDOW = at("10:00");
    /** A window closed before the savepoint whose customer is served after the restore. */
    static final Instant CLOSED_WINDOW = at("09:45");
    static final Instant CHECKED_IN_BEFORE_SAVEPOINT = at("09:50");
    static final Instant SERVED_LATER = at("10:12");
    static final String DOOR = "door-1";
    static final String RECEPTION_LINE = "reception-in";

    private SavepointFixture() {}

    static Instant at(String localTime) {
        return DAY.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
    }

    /** The input read before the savepoint, in publication order. Frozen: see the class comment. */
    static List<Send> input() {
        List<Send> sends = new ArrayList<>();
        for (int s = 0; s < SITES.size(); s++) {
            String site = SITES.get(s);
            SiteRegistryVersion version = RegistryVersions.site(site, ZONE.getId()).region("fixture")
                    .everyDay("08:00-12:00", "14:00-18:00").effectiveFrom(Instant.parse("2026-01-01T00:00:00Z"));
            sends.add(Send.of(Topic.SITE_REGISTRY, site + "@" + version.getEffectiveFrom().toEpochMilli(), version,
                    AGENT_START));
        }
        for (int s = 0; s < SITES.size(); s++) {
            String site = SITES.get(s);
            SiteRecords records = new SiteRecords(site);
            sends.add(Send.of(Topic.APPOINTMENTS, site, records.appointment("ref-" + s, AppointmentAction.BOOKED,
                    at("09:00"), Instant.parse("2026-03-01T10:00:00Z")), at("07:00")));
            sends.add(Send.of(Topic.KIOSK, site, records.signOn("m-on", "advisor-1", at("08:25")), at("08:25")));
            sends.add(Send.of(Topic.KIOSK, site, records.checkIn("m-c1", "visit-1", "ref-" + s, at("08:55")), at("08:55")));
            sends.add(Send.of(Topic.KIOSK, site, records.served("m-s1", "visit-1", "advisor-1", at("09:01")), at("09:01")));
            sends.add(Send.of(Topic.KIOSK, site, records.feedback("m-f1", 4, at("09:05")), at("09:05")));
            sends.add(Send.of(Topic.KIOSK, site, laterServedCheckIn(site), CHECKED_IN_BEFORE_SAVEPOINT));
            sends.add(Send.of(Topic.SURVEYS, site, records.survey("survey-" + s, 9, 5, DAY, at("09:30")), at("09:30")));
            int interval = 0;
            for (Instant t = FIRST_COUNT; !t.isAfter(LAST_COUNT); t = t.plus(COUNT_INTERVAL), interval++) {
                sends.add(Send.of(Topic.FOOTFALL, site, records.footfall(DOOR, RECEPTION_LINE, true, Direction.IN,
                        count(s, interval), t, COUNT_INTERVAL), t.plus(COUNT_INTERVAL)));
            }
            long sequence = 1;
            for (Instant t = FIRST_HEARTBEAT; !t.isAfter(LAST_HEARTBEAT); t = t.plus(Duration.ofMinutes(5))) {
                sends.add(Send.of(Topic.AGENT_STATUS, site, records.heartbeat(AGENT_START, sequence++, t), t));
            }
        }
        return sends;
    }

    /** Visitors counted in one 5-minute interval (deterministic, varied per site and interval). */
    static int count(int siteIndex, int interval) {
        return 1 + (interval * 7 + siteIndex * 3) % 5;
    }

    /** The check-in at 09:50 of {@code site}'s customer that {@link #continuation()} serves at 10:12. */
    static KioskEvent laterServedCheckIn(String site) {
        return new SiteRecords(site).checkIn("m-c2", "visit-2", null, CHECKED_IN_BEFORE_SAVEPOINT);
    }

    /**
     * What the restore test sends to {@link #CONTINUED_SITE} after the restore: the 09:50 check-in
     * re-sent (a duplicate only if the de-duplication ids were restored), its SERVED at 10:12 (a
     * waiting time only if the retained check-in was restored), the 10:10 count and heartbeats up to
     * 10:25, which move the clock to 10:23 and close the 10:00 window (whose visitors include the
     * counts of 10:00 and 10:05 read before the savepoint).
     */
    static List<Send> continuation() {
        String site = CONTINUED_SITE;
        SiteRecords records = new SiteRecords(site);
        List<Send> sends = new ArrayList<>();
        sends.add(Send.of(Topic.KIOSK, site, laterServedCheckIn(site), at("10:11")));
        sends.add(Send.of(Topic.KIOSK, site, records.served("m-s2", "visit-2", "advisor-1", SERVED_LATER), SERVED_LATER));
        sends.add(Send.of(Topic.FOOTFALL, site, records.footfall(DOOR, RECEPTION_LINE, true, Direction.IN,
                continuedCount(), at("10:10"), COUNT_INTERVAL), at("10:15")));
        long sequence = heartbeatsPerSite() + 1;
        for (Instant t = at("10:15"); !t.isAfter(at("10:25")); t = t.plus(Duration.ofMinutes(5))) {
            sends.add(Send.of(Topic.AGENT_STATUS, site, records.heartbeat(AGENT_START, sequence++, t), t));
        }
        return sends;
    }

    static int continuedCount() {
        return 4;
    }

    private static long heartbeatsPerSite() {
        return Duration.between(FIRST_HEARTBEAT, LAST_HEARTBEAT).toMinutes() / 5 + 1;
    }

    /** Records per topic of {@code sends} for {@code site} (all sites if null). */
    static Map<Topic, Long> countsPerTopic(List<Send> sends, String site) {
        Map<Topic, Long> counts = new EnumMap<>(Topic.class);
        for (Send send : sends) {
            if (site == null || send.key().startsWith(site)) {
                counts.merge(send.topic(), 1L, Long::sum);
            }
        }
        return counts;
    }

    static List<Topic> inputTopics() {
        return List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS, Topic.SURVEYS, Topic.SITE_REGISTRY,
                Topic.AGENT_STATUS);
    }

    static String topicName(Topic topic) {
        return topic.topicName() + TOPIC_SUFFIX;
    }

    /** {@link KpiJob} arguments of a fixture run: the fixture topics, {@code database}, accounting every second. */
    static String[] jobArguments(KafkaEndpoint kafka, String influxUrl, String database, Path checkpoints) {
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap.servers", kafka.bootstrapServers(),
                "--kafka.group.id", GROUP_ID,
                "--kafka.starting-offsets", "earliest",
                "--influx.url", influxUrl,
                "--influx.database", database,
                "--influx.flush-interval", "100 ms",
                "--checkpoint.dir", checkpoints.toUri().toString(),
                "--kpi.accounting-emit-interval", "1 s",
                "--parallelism", "2"));
        for (Topic topic : Topic.values()) {
            args.addAll(List.of("--" + JobOptions.topicKey(topic).name(), topicName(topic)));
        }
        return args.toArray(String[]::new);
    }

    /** Creates every fixture topic with {@code partitions} (input topics) or 1 (output topics). */
    static void createTopics(KafkaEndpoint kafka, Map<Topic, Integer> partitions) {
        for (Topic topic : Topic.values()) {
            kafka.createTopic(topicName(topic), partitions.getOrDefault(topic, 1));
        }
    }

    /** Publishes in list order with one producer (keys decide partitions, order decides offsets). */
    static void publish(KafkaEndpoint kafka, List<Send> sends) {
        AvroCodec codec = AvroCodec.released();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (Send send : sends) {
                Future<?> sent = producer.send(new ProducerRecord<>(topicName(send.topic()),
                        send.key().getBytes(StandardCharsets.UTF_8), send.value(codec)));
                sent.get(30, TimeUnit.SECONDS); // one at a time: offsets follow list order exactly
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish the savepoint fixture input to " + kafka.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the savepoint fixture input", e);
        }
    }

    /** The description written next to a fixture's savepoint. */
    static Properties describe(String release, Map<Topic, Integer> partitions) {
        Properties properties = new Properties();
        properties.setProperty("release", release);
        properties.setProperty("flink.version", org.apache.flink.runtime.util.EnvironmentInformation.getVersion());
        properties.setProperty("savepoint.format", "canonical");
        properties.setProperty("state.backend", "rocksdb");
        properties.setProperty("regenerate", WriteSavepointFixtureIT.COMMAND);
        countsPerTopic(input(), null).forEach((topic, n) -> properties.setProperty("input." + topic.name(), n.toString()));
        partitions.forEach((topic, n) -> properties.setProperty("partitions." + topic.name(), n.toString()));
        return properties;
    }

    static void store(Properties properties, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "Savepoint fixture of DealerPulse " + properties.getProperty("release")
                    + " (see SavepointFixture, docs/upgrades.md)");
        }
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The input topics' partition counts recorded in a fixture's properties. */
    static Map<Topic, Integer> partitions(Properties properties) {
        Map<Topic, Integer> partitions = new EnumMap<>(Topic.class);
        for (Topic topic : inputTopics()) {
            String value = properties.getProperty("partitions." + topic.name());
            if (value == null) {
                throw new IllegalStateException(PROPERTIES_FILE + " has no partitions." + topic.name());
            }
            partitions.put(topic, Integer.parseInt(value));
        }
        return partitions;
    }
}
