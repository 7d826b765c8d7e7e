package io.dealerpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.importer.cli.ImporterCli;
import io.dealerpulse.reliability.harness.AgentChild;
import io.dealerpulse.reliability.harness.AgentYaml;
import io.dealerpulse.reliability.harness.ClearTextScan;
import io.dealerpulse.reliability.harness.ClearTextScan.Hit;
import io.dealerpulse.reliability.harness.InfluxDump;
import io.dealerpulse.reliability.harness.JobsChild;
import io.dealerpulse.reliability.harness.KafkaDump;
import io.dealerpulse.reliability.harness.RawDevice;
import io.dealerpulse.reliability.harness.ReliabilitySite;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.local.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md: "personal data never leaves the site in clear". Real inputs carrying known advisor
 * badge ids and appointment references go the whole way — kiosk payloads through mosquitto and the
 * edge agent (its own JVM), appointment files through the importer's command line — to a Kafka
 * broker of their own, through the deployable Flink job ({@code KpiJob}'s main, in its own JVM) to InfluxDB. Then
 * every byte is searched ({@link ClearTextScan}: UTF-8 and UTF-16 in any case, Base64, hex): every
 * record of every topic (keys, values, header names and values; dead letters, late events, internal
 * topics), and every series, field and point of every InfluxDB database.
 *
 * <p>The search is shown able to fail: positive controls — other identifiers planted in a record's
 * key, a header, a value, an InfluxDB tag and a field, each in another encoding — must be found, by
 * the same scan over the same dump. And the identifiers did travel: as pseudonyms on the kiosk and
 * appointment topics, matched across agent and importer (a booked appointment counted as arrived),
 * and in clear only in the agent's on-site quarantine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(InfluxDbExtension.class)
class PersonalDataIT {
    private static final String SITE = "FR-PRIV-01";
    private static final String DB = "privacy";
    private static final String GROUP_PREFIX = "privacy_group_";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    // advisors' badges: signed on and serving; a second advisor; in messages the agent rejects
    private static final String BADGE = "B-CLAIRE-7781";
    private static final String BADGE_2 = "B-MARC-4410";
    private static final String BADGE_FOREIGN = "B-FOREIGN-2090";
    private static final String BADGE_MALFORMED = "B-BROKEN-3307";
    private static final String BADGE_UNKNOWN_KIOSK = "B-STRAY-5521";
    // appointment references: booked and checked in; rescheduled; cancelled; in rows and messages that are rejected
    private static final String REF = "RDV-PRIV-000123";
    private static final String REF_RESCHEDULED = "RDV-PRIV-000124";
    private static final String REF_CANCELLED = "RDV-PRIV-000125";
    private static final String REF_BAD_ACTION = "RDV-BADROW-000126";
    private static final String REF_UNKNOWN_SITE = "RDV-BADROW-000127";
    private static final String REF_BAD_TIME = "RDV-BADROW-000128";
    private static final String REF_UNKNOWN_KIOSK = "RDV-KIOSK-000129";
    private static final String REF_NO_VISIT = "RDV-KIOSK-000130";
    private static final List<String> PERSONAL = List.of(BADGE, BADGE_2, BADGE_FOREIGN, BADGE_MALFORMED,
            BADGE_UNKNOWN_KIOSK, REF, REF_RESCHEDULED, REF_CANCELLED, REF_BAD_ACTION, REF_UNKNOWN_SITE, REF_BAD_TIME,
            REF_UNKNOWN_KIOSK, REF_NO_VISIT);

    // positive controls, planted by the test: identifier -> the place and encoding it must be found in
    private static final String CONTROL_TOPIC = "privacy-positive-control";
    private static final String CONTROL_DB = "privacy_positive_control";
    private static final Map<String, String> CONTROLS = Map.of(
            "B-CONTROL-0001", "UTF-8, any case|" + CONTROL_TOPIC + "/0@0 key",
            "B-CONTROL-0002", "UTF-16LE, any case|" + CONTROL_TOPIC + "/0@0 header control",
            "RDV-CONTROL-0003", "Base64 of UTF-8|" + CONTROL_TOPIC + "/0@0 value",
            "RDV-CONTROL-0004", "UTF-8, any case|" + CONTROL_DB + ": SHOW SERIES",
            "B-CONTROL-0005", "hex of UTF-8|" + CONTROL_DB + ": SELECT * FROM \"control\" GROUP BY *");

    @TempDir
    static Path dir; // static: filled before @BeforeAll

    private EmbeddedKafkaBroker kafka;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Hit> hits = new ArrayList<>();
    private final List<String> quarantined = new ArrayList<>();
    private List<ConsumerRecord<byte[], byte[]>> records;
    private long arrivedAppointments;
    private String importerOutput;

    @BeforeAll
    void runTheChainAndScanEverything(InfluxEndpoint influx) throws Exception {
        kafka = EmbeddedKafkaBroker.launch(); // its own broker: every record on it comes from this chain
        for (Topic topic : Topic.values()) {
            kafka.createTopic(topic.topicName(), topic.partitions());
        }
        influx.createDatabase(DB);
        influx.createDatabase(GROUP_PREFIX + "groupe_prive");
        Instant start = Instant.now();
        try (JobsChild jobs = startJobs(influx);
                ReliabilitySite site = new ReliabilitySite(SITE, kafka, dir.resolve("site"), true)) {
            Instant t0 = Instant.now().minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            importRegistryAndAppointments(t0);
            try (AgentChild agent = site.startAgent("personal-data")) {
                agent.awaitHealthy(Duration.ofSeconds(90));
                publishDeviceMessages(site, t0);
                awaitProcessed(influx, jobs, Duration.ofSeconds(180));
            }
            try (Stream<Path> files = Files.list(dir.resolve("site").resolve("quarantine"))) {
                for (Path file : files.toList()) {
                    quarantined.add(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        figures.put("chain (s)", Duration.between(start, Instant.now()).toSeconds());
        plantPositiveControls(influx);
        scanEverything(influx);
    }

    @AfterAll
    void stop() {
        System.out.println("[personal-data] " + figures);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void noBadgeIdOrAppointmentReferenceIsInAnyKafkaRecordOrInfluxDbPoint() {
        List<Hit> personal = hits.stream().filter(h -> PERSONAL.contains(h.identifier())).toList();
        assertThat(personal).as("personal identifiers in clear, scanned %s", figures).isEmpty();
    }

    @Test
    void theScanFindsEveryPlantedPositiveControlWhereItWasPlanted() {
        for (Map.Entry<String, String> control : CONTROLS.entrySet()) {
            String[] expected = control.getValue().split("\\|");
            assertThat(hits).as("hits of the planted %s", control.getKey())
                    .contains(new Hit(control.getKey(), expected[0], expected[1]));
        }
    }

    @Test
    void theIdentifiersTravelledAsPseudonymsMatchedAcrossAgentAndImporter() {
        byte[] siteKey = AgentChild.ENV.get("DP_SITE_KEY").getBytes(StandardCharsets.UTF_8);
        byte[] networkKey = AgentChild.ENV.get("DP_NETWORK_KEY").getBytes(StandardCharsets.UTF_8);
        String kioskBytes = concatenatedValues(Topic.KIOSK);
        String appointmentBytes = concatenatedValues(Topic.APPOINTMENTS);
        assertThat(kioskBytes).as("kiosk records carry the advisors' pseudonyms (site key)")
                .contains(new Pseudonyms(siteKey).of(BADGE), new Pseudonyms(siteKey).of(BADGE_2));
        assertThat(kioskBytes).as("the check-in carries the reference's pseudonym (network key)")
                .contains(new Pseudonyms(networkKey).of(REF));
        assertThat(appointmentBytes).as("the importer's records carry the references' pseudonyms (network key)")
                .contains(new Pseudonyms(networkKey).of(REF), new Pseudonyms(networkKey).of(REF_RESCHEDULED));
        assertThat(arrivedAppointments).as("appointments_arrived in InfluxDB: the kiosk check-in matched the booking")
                .isGreaterThanOrEqualTo(1);
        assertThat(importerOutput).as("the importer rejected the three bad rows").contains("rejected         3");
    }

    @Test
    void rejectedKioskPayloadsStayInClearOnlyInTheOnSiteQuarantine() {
        ClearTextScan scan = new ClearTextScan(List.of(BADGE_FOREIGN, BADGE_MALFORMED, BADGE_UNKNOWN_KIOSK));
        List<String> found = quarantined.stream().flatMap(q -> scan.scan("quarantine", q).stream()).map(Hit::identifier)
                .distinct().toList();
        assertThat(found).as("badges of the rejected kiosk messages in the agent's quarantine files")
                .containsExactlyInAnyOrder(BADGE_FOREIGN, BADGE_MALFORMED, BADGE_UNKNOWN_KIOSK);
    }

    private JobsChild startJobs(InfluxEndpoint influx) throws Exception {
        return JobsChild.start(List.of(
                "--kafka.bootstrap.servers", kafka.bootstrapServers(),
                "--kafka.starting-offsets", "earliest",
                "--influx.url", influx.url(),
                "--influx.database", DB,
                "--influx.group-database-prefix", GROUP_PREFIX,
                "--influx.flush-interval", "200 ms",
                "--checkpoint.dir", dir.resolve("checkpoints").toUri().toString(),
                "--checkpoint.interval", "2 s",
                "--checkpoint.min-pause", "1 s",
                "--kpi.accounting-emit-interval", "1 s",
                "--health.emit-interval", "1 s",
                "--parallelism", "1"), AgentChild.logFile("personal-data-jobs"));
    }

    /** The site's registry, then bookings: three valid references and three rows the importer rejects. */
    private void importRegistryAndAppointments(Instant t0) throws Exception {
        Path registry = Files.writeString(dir.resolve("registry.csv"), """
                site_id,name,region,zone_manager,investor_group,country,time_zone,opening_hours,exceptions,target_min,target_max,latitude,longitude,effective_from
                %s,Garage Privé,Normandie,ZM-NOR-1,Groupe Prive,FR,Europe/Paris,mon-sun=00:00-24:00,,1.0,6.0,49.44,1.09,2026-01-01
                """.formatted(SITE));
        DateTimeFormatter local = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        String booked = t0.minus(3, ChronoUnit.DAYS).atZone(ZONE).format(local);
        Path appointments = Files.writeString(dir.resolve("appointments.csv"), """
                site_id,appointment_ref,action,scheduled_time,action_time
                %1$s,%2$s,BOOKED,%3$s,%4$s
                %1$s,%5$s,BOOKED,%6$s,%4$s
                %1$s,%5$s,RESCHEDULED,%7$s,%8$s
                %1$s,%9$s,BOOKED,%6$s,%4$s
                %1$s,%9$s,CANCELLED,%6$s,%8$s
                %1$s,%10$s,NO_SHOW,%6$s,%4$s
                FR-NOWHERE-99,%11$s,BOOKED,%6$s,%4$s
                %1$s,%12$s,BOOKED,next tuesday,%4$s
                """.formatted(SITE, REF, t0.plus(2, ChronoUnit.MINUTES).atZone(ZONE).format(local), booked,
                REF_RESCHEDULED, t0.plus(10, ChronoUnit.MINUTES).atZone(ZONE).format(local),
                t0.plus(25, ChronoUnit.MINUTES).atZone(ZONE).format(local),
                t0.minus(1, ChronoUnit.DAYS).atZone(ZONE).format(local), REF_CANCELLED, REF_BAD_ACTION, REF_UNKNOWN_SITE,
                REF_BAD_TIME));
        Path networkKey = Files.writeString(dir.resolve("network.key"), AgentChild.ENV.get("DP_NETWORK_KEY"));
        assertThat(importer("registry", "--file", registry.toString(), "--bootstrap", kafka.bootstrapServers()))
                .as("registry import").contains("rejected         0");
        importerOutput = importer("appointments", "--file", appointments.toString(), "--registry", registry.toString(),
                "--network-key-file", networkKey.toString(), "--bootstrap", kafka.bootstrapServers());
    }

    private String importer(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = new ImporterCli(print, print, Map.of(), Clock.systemUTC()).run(args);
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println("[personal-data] importer " + args[0] + ":\n" + text);
        assertThat(exit).as("importer %s exit code; output:%n%s", args[0], text).isEqualTo(ImporterCli.EXIT_OK);
        return text;
    }

    /**
     * A morning at reception 40 to 20 minutes ago (so the windows have closed on the site clock):
     * door crossings, two advisors signing on, an appointment and a walk-in checked in and served,
     * feedback, a sign-off; and four kiosk messages the agent rejects, each carrying a badge or a
     * reference: another site's, malformed JSON, an unknown kiosk, a check-in without visit.
     */
    private void publishDeviceMessages(ReliabilitySite site, Instant t0) throws Exception {
        String kiosk = "dealerpulse/kiosk/" + AgentYaml.KIOSK;
        try (RawDevice device = new RawDevice(site)) {
            String door = RawDevice.axisTopic(AgentYaml.AXIS_IN);
            device.publish(door, RawDevice.axis(t0, 100)); // the counter's first message: a baseline
            device.publish(kiosk, kioskMessage(SITE, "m-1", "SIGN_ON", t0, "\"badge_id\":\"" + BADGE + "\""));
            device.publish(kiosk, kioskMessage(SITE, "m-2", "SIGN_ON", t0.plusSeconds(60), "\"badge_id\":\"" + BADGE_2 + "\""));
            device.publish(door, RawDevice.axis(t0.plusSeconds(100), 101));
            device.publish(kiosk, kioskMessage(SITE, "m-3", "CHECK_IN", t0.plusSeconds(120),
                    "\"visit_id\":\"V-1\",\"appointment_ref\":\"" + REF + "\""));
            device.publish(kiosk, kioskMessage(SITE, "m-4", "SERVED", t0.plusSeconds(240),
                    "\"visit_id\":\"V-1\",\"badge_id\":\"" + BADGE + "\""));
            device.publish(door, RawDevice.axis(t0.plusSeconds(290), 102));
            device.publish(kiosk, kioskMessage(SITE, "m-5", "CHECK_IN", t0.plusSeconds(300), "\"visit_id\":\"V-2\""));
            device.publish(kiosk, kioskMessage(SITE, "m-6", "SERVED", t0.plusSeconds(700),
                    "\"visit_id\":\"V-2\",\"badge_id\":\"" + BADGE_2 + "\""));
            device.publish(kiosk, kioskMessage(SITE, "m-7", "FEEDBACK", t0.plusSeconds(760), "\"feedback\":4"));
            device.publish(kiosk, kioskMessage(SITE, "m-8", "SIGN_OFF", t0.plusSeconds(1200), "\"badge_id\":\"" + BADGE_2 + "\""));
            // rejected by the agent: dead letters upstream (redacted), raw payloads in the quarantine
            device.publish(kiosk, kioskMessage("FR-OTHER-09", "m-9", "SIGN_ON", t0.plusSeconds(300),
                    "\"badge_id\":\"" + BADGE_FOREIGN + "\""));
            device.publish(kiosk, "{\"kiosk_id\":\"kiosk-1\",\"badge_id\":\"" + BADGE_MALFORMED + "\",");
            device.publish("dealerpulse/kiosk/kiosk-9", kioskMessage(SITE, "m-10", "CHECK_IN", t0.plusSeconds(300),
                    "\"visit_id\":\"V-9\",\"appointment_ref\":\"" + REF_UNKNOWN_KIOSK + "\",\"badge_id\":\"" + BADGE_UNKNOWN_KIOSK + "\"")
                    .replace("\"kiosk_id\":\"kiosk-1\"", "\"kiosk_id\":\"kiosk-9\""));
            device.publish(kiosk, kioskMessage(SITE, "m-11", "CHECK_IN", t0.plusSeconds(360),
                    "\"appointment_ref\":\"" + REF_NO_VISIT + "\""));
        }
    }

    private static String kioskMessage(String site, String messageId, String type, Instant time, String extra) {
        return """
                {"site_id":"%s","kiosk_id":"%s","message_id":"%s","type":"%s","time":"%s",%s}"""
                .formatted(site, AgentYaml.KIOSK, messageId, type, time.atZone(ZONE).toOffsetDateTime(), extra);
    }

    /**
     * Until the job has counted the site's 8 valid kiosk events and 5 appointment actions, and
     * written staffing windows with the appointment arrived; then a few seconds more for the
     * health counters of the dead letters.
     */
    private void awaitProcessed(InfluxEndpoint influx, JobsChild jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!jobs.isAlive()) {
                throw new IllegalStateException("the jobs' JVM ended; see " + jobs.log());
            }
            long kiosk = latestReceived(influx, "kiosk");
            long appointments = latestReceived(influx, "appointment");
            arrivedAppointments = sum(influx, "SELECT sum(appointments_arrived) FROM staffing_window WHERE \"site\" = '" + SITE + "'");
            last = "kiosk received " + kiosk + ", appointment received " + appointments + ", appointments_arrived "
                    + arrivedAppointments;
            if (kiosk >= 8 && appointments >= 5 && arrivedAppointments >= 1) {
                figures.put("job", last);
                Thread.sleep(3000);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("after " + timeout + " the job's InfluxDB output shows " + last
                + " (expected 8, 5 and >= 1): did the agent deliver? the jobs' log: " + jobs.log());
    }

    private static long latestReceived(InfluxEndpoint influx, String stream) {
        return sum(influx, "SELECT last(received) FROM stream_accounting WHERE \"site\" = '" + SITE + "' AND \"stream\" = '"
                + stream + "'");
    }

    private static long sum(InfluxEndpoint influx, String query) {
        JsonNode values = influx.query(DB, query).path("results").path(0).path("series").path(0).path("values");
        return values.isMissingNode() || values.isEmpty() ? 0 : values.get(0).get(1).asLong();
    }

    private void plantPositiveControls(InfluxEndpoint influx) throws Exception {
        kafka.createTopic(CONTROL_TOPIC, 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            List<Header> headers = List.of(new RecordHeader("control", "B-CONTROL-0002".getBytes(StandardCharsets.UTF_16LE)));
            producer.send(new ProducerRecord<>(CONTROL_TOPIC, 0, "b-control-0001".getBytes(StandardCharsets.UTF_8),
                    Base64.getEncoder().encode("RDV-CONTROL-0003".getBytes(StandardCharsets.UTF_8)), headers))
                    .get(30, TimeUnit.SECONDS);
        }
        influx.createDatabase(CONTROL_DB);
        influx.write(CONTROL_DB, "control,who=RDV-CONTROL-0004 note=\""
                + HexFormat.of().formatHex("B-CONTROL-0005".getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    private void scanEverything(InfluxEndpoint influx) throws Exception {
        List<String> identifiers = new ArrayList<>(PERSONAL);
        identifiers.addAll(CONTROLS.keySet());
        ClearTextScan scan = new ClearTextScan(identifiers);
        records = KafkaDump.all(kafka, Duration.ofSeconds(60));
        Map<String, Integer> perTopic = new java.util.TreeMap<>();
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String where = r.topic() + "/" + r.partition() + "@" + r.offset();
            perTopic.merge(r.topic(), 1, Integer::sum);
            hits.addAll(scan.scan(where + " key", r.key()));
            hits.addAll(scan.scan(where + " value", r.value()));
            bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            for (Header h : r.headers()) {
                hits.addAll(scan.scan(where + " header " + h.key(), h.key()));
                hits.addAll(scan.scan(where + " header " + h.key(), h.value()));
                bytes += h.value() == null ? 0 : h.value().length;
            }
        }
        figures.put("Kafka records scanned per topic", perTopic);
        figures.put("Kafka bytes scanned", bytes);
        long influxBytes = 0;
        Map<String, byte[]> answers = InfluxDump.all(influx);
        for (Map.Entry<String, byte[]> answer : answers.entrySet()) {
            hits.addAll(scan.scan(answer.getKey(), answer.getValue()));
            influxBytes += answer.getValue().length;
        }
        figures.put("InfluxDB answers scanned", answers.size());
        figures.put("InfluxDB bytes scanned", influxBytes);
        figures.put("hits", hits.stream().map(Hit::toString).toList());
    }

    private String concatenatedValues(Topic topic) {
        StringBuilder text = new StringBuilder();
        records.stream().filter(r -> r.topic().equals(topic.topicName()))
                .forEach(r -> text.append(new String(r.value(), StandardCharsets.ISO_8859_1)));
        return text.toString();
    }
}
