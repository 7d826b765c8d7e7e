package io.dealerpulse.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyChannel;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.importer.cli.ImporterCli;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against the test kit's real Kafka: files with good rows and every kind of bad
 * row give exact counts and reasons, the records read back from Kafka equal the expected ones, every
 * rejected row is a dead letter with its line, and a second import of a file yields the same ids.
 *
 * <p>Topics are shared by the tests, so each test imports under its own {@code --source} and reads
 * back only the records carrying it (records' and dead letters' device_id).
 */
@ExtendWith(KafkaExtension.class)
class ImporterIT {
    private static final Instant IMPORTED_AT = Instant.parse("2025-03-12T08:00:00Z");
    private static final String NETWORK_KEY = "it-network-key-0123456789";
    private static final String REGISTRY = "examples/registry.csv";

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run importer(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ImporterCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(ImporterCli.NETWORK_KEY_ENV, NETWORK_KEY),
                Clock.fixed(IMPORTED_AT, ZoneOffset.UTC)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String uniqueSource(String stream) {
        return "it-" + stream + "-" + UUID.randomUUID();
    }

    @Test
    void appointments_goodAndBadRows_exactCountsReasonsRecordsAndDeadLetters(KafkaEndpoint kafka) throws IOException {
        Path file = Files.writeString(dir.resolve("bookings.csv"), """
                site_id,appointment_ref,action,scheduled_time,action_time
                FR-IDF-001,RDV-1,BOOKED,2025-03-10T09:30:00+01:00,2025-03-03T14:12:40+01:00
                RE-974-001,RDV-2,booked,2025-03-10 07:45,2025-03-06T16:30:00+04:00
                FR-IDF-001,RDV-1,RESCHEDULED,2025-03-11T10:00:00+01:00,2025-03-07T17:45:00+01:00
                FR-IDF-001,,BOOKED,2025-03-10T09:30:00+01:00,2025-03-03T14:12:40+01:00
                XX-000-001,RDV-5,BOOKED,2025-03-10T09:30:00+01:00,2025-03-03T14:12:40+01:00
                FR-IDF-001,RDV-6,BOOKED,10/03/2025 09:30,2025-03-03T14:12:40+01:00
                FR-IDF-001,RDV-7,NO_SHOW,2025-03-10T09:30:00+01:00,2025-03-03T14:12:40+01:00
                FR-IDF-001,RDV-1,BOOKED,2025-03-10T09:30:00+01:00,2025-03-03T14:12:40+01:00
                FR-IDF-001,"RDV-9,BOOKED,2025-03-10T09:30:00+01:00,2025-03-03T14:12:40+01:00
                """);
        String source = uniqueSource("appointments");

        Run run = importer("appointments", "--file", file.toString(), "--registry", REGISTRY, "--source", source,
                "--bootstrap", kafka.bootstrapServers(), "--create-topics");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(
                "bookings.csv:5: MISSING_FIELD: column 'appointment_ref' is missing or empty",
                "bookings.csv:6: UNKNOWN_SITE: site 'XX-000-001' is not in the registry file",
                "bookings.csv:7: BAD_DATE_TIME: column 'scheduled_time' must be an ISO-8601 date-time",
                "bookings.csv:8: UNKNOWN_ACTION: column 'action' must be BOOKED, RESCHEDULED or CANCELLED, got 'NO_SHOW'",
                "bookings.csv:9: DUPLICATE_ROW: same keys as line 2",
                "bookings.csv:10: MALFORMED_ROW: ",
                "  read             9 rows", "  accepted         3", "  rejected         6",
                "  published        3 to dealerpulse.appointments.v1",
                "  dead letters     6 to dealerpulse.dead-letter.v1");
        assertThat(run.out()).doesNotContain("RDV-");

        Pseudonyms pseudonyms = new Pseudonyms(NETWORK_KEY.getBytes(StandardCharsets.UTF_8));
        List<AppointmentEvent> expected = List.of(
                appointment(source, "FR-IDF-001", pseudonyms.of("RDV-1"), AppointmentAction.BOOKED,
                        "2025-03-10T08:30:00Z", "2025-03-03T13:12:40Z"),
                appointment(source, "RE-974-001", pseudonyms.of("RDV-2"), AppointmentAction.BOOKED,
                        "2025-03-10T03:45:00Z", "2025-03-06T12:30:00Z"),
                appointment(source, "FR-IDF-001", pseudonyms.of("RDV-1"), AppointmentAction.RESCHEDULED,
                        "2025-03-11T09:00:00Z", "2025-03-07T16:45:00Z"));
        List<ConsumerRecord<String, SpecificRecord>> published = readAll(kafka, Topic.APPOINTMENTS, source);
        assertThat(published).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(published).allSatisfy(r -> assertThat(r.key()).isEqualTo(((AppointmentEvent) r.value()).getSiteId()));

        List<DeadLetter> deadLetters = values(readAll(kafka, Topic.DEAD_LETTER, source), DeadLetter.class);
        assertThat(deadLetters).extracting(DeadLetter::getSource, DeadLetter::getStream, DeadLetter::getReason,
                DeadLetter::getPayloadRedacted).containsExactlyInAnyOrder(
                tuple("import:bookings.csv:5", "appointment", "MISSING_FIELD", true),
                tuple("import:bookings.csv:6", "appointment", "UNKNOWN_SITE", true),
                tuple("import:bookings.csv:7", "appointment", "BAD_DATE_TIME", true),
                tuple("import:bookings.csv:8", "appointment", "UNKNOWN_ACTION", true),
                tuple("import:bookings.csv:9", "appointment", "DUPLICATE_ROW", true),
                tuple("import:bookings.csv:10", "appointment", "MALFORMED_ROW", true));
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(StandardCharsets.UTF_8.decode(d.getPayload().duplicate()).toString()).doesNotContain("RDV-");
            assertThat(d.getReceivedTime()).isEqualTo(IMPORTED_AT);
        });
        DeadLetter unknownAction = deadLetters.stream().filter(d -> d.getReason().equals("UNKNOWN_ACTION")).findFirst()
                .orElseThrow();
        assertThat(StandardCharsets.UTF_8.decode(unknownAction.getPayload().duplicate()).toString()).isEqualTo(
                "{\"site_id\":\"FR-IDF-001\",\"appointment_ref\":\"<redacted>\",\"action\":\"NO_SHOW\","
                        + "\"scheduled_time\":\"2025-03-10T09:30:00+01:00\",\"action_time\":\"2025-03-03T14:12:40+01:00\"}");
        assertThat(unknownAction.getSiteId()).isEqualTo("FR-IDF-001");
    }

    @Test
    void registry_goodAndBadRows_exactCountsReasonsAndVersions(KafkaEndpoint kafka) throws IOException {
        String header = "site_id,name,region,zone_manager,investor_group,country,time_zone,opening_hours,exceptions,"
                + "target_min,target_max,latitude,longitude,effective_from\n";
        Path file = Files.writeString(dir.resolve("sites.csv"), header + """
                FR-IDF-001,Paris Nord Automobiles,Île-de-France,ZM-IDF-1,Groupe Lutèce,FR,Europe/Paris,"mon-fri=08:00-12:00,13:30-18:30",2025-12-25=closed|Noël,2.0,6.0,48.9062,2.3336,2025-01-01
                MQ-972-001,Fort-de-France Automobiles,Martinique,ZM-DOM-1,,FR,America/Martinique,sat=08:00-12:00,,1.5,4.5,,,2025-01-01T00:00:00-04:00
                FR-IDF-003,Garage Est,Île-de-France,,,FR,Europe/Pariss,mon=08:00-12:00,,2,6,,,2025-01-01
                FR-IDF-004,,Île-de-France,,,FR,Europe/Paris,mon=08:00-12:00,,2,6,,,2025-01-01
                FR-IDF-005,Garage Ouest,Île-de-France,,,FR,Europe/Paris,mon=08:00-12:00,,2,6,,,2025-13-01
                FR-IDF-001,Paris Nord (renamed),Île-de-France,ZM-IDF-1,Groupe Lutèce,FR,Europe/Paris,mon=08:00-12:00,,2.0,6.0,,,2025-01-01
                FR-IDF-006,Garage Sud,Île-de-France,,,FR,Europe/Paris,mon=18:00-08:00,,2,6,,,2025-01-01
                """);
        String source = uniqueSource("registry");

        Run run = importer("registry", "--file", file.toString(), "--source", source,
                "--bootstrap", kafka.bootstrapServers(), "--create-topics", "--strict");

        assertThat(run.exitCode()).as("rows were rejected and --strict was given").isEqualTo(ImporterCli.EXIT_REJECTED_STRICT);
        assertThat(run.out()).contains("  read             7 rows", "  accepted         2", "  rejected         5",
                "    BAD_TIME_ZONE         1", "    MISSING_FIELD         1", "    BAD_DATE_TIME         1",
                "    BAD_OPENING_HOURS     1", "    DUPLICATE_ROW         1");

        List<ConsumerRecord<String, SpecificRecord>> published = readAll(kafka, Topic.SITE_REGISTRY, source);
        Instant parisNewYear = Instant.parse("2024-12-31T23:00:00Z");
        Instant martiniqueNewYear = Instant.parse("2025-01-01T04:00:00Z");
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "FR-IDF-001@" + parisNewYear.toEpochMilli(), "MQ-972-001@" + martiniqueNewYear.toEpochMilli());
        SiteRegistryVersion martinique = values(published, SiteRegistryVersion.class).stream()
                .filter(v -> v.getSiteId().equals("MQ-972-001")).findFirst().orElseThrow();
        assertThat(martinique.getEventId()).isEqualTo(EventIds.of(source, "MQ-972-001", martiniqueNewYear.toEpochMilli()));
        assertThat(martinique.getTimeZone()).isEqualTo("America/Martinique");
        assertThat(martinique.getEffectiveFrom()).isEqualTo(martiniqueNewYear);
        assertThat(martinique.getEventTime()).isEqualTo(martiniqueNewYear);
        assertThat(martinique.getInvestorGroup()).isNull();
        assertThat(martinique.getLatitude()).isNull();
        assertThat(martinique.getWeeklyHours()).hasSize(1);

        assertThat(values(readAll(kafka, Topic.DEAD_LETTER, source), DeadLetter.class))
                .extracting(DeadLetter::getSource, DeadLetter::getReason, DeadLetter::getPayloadRedacted)
                .containsExactlyInAnyOrder(
                        tuple("import:sites.csv:4", "BAD_TIME_ZONE", false),
                        tuple("import:sites.csv:5", "MISSING_FIELD", false),
                        tuple("import:sites.csv:6", "BAD_DATE_TIME", false),
                        tuple("import:sites.csv:7", "DUPLICATE_ROW", false),
                        tuple("import:sites.csv:8", "BAD_OPENING_HOURS", false));
    }

    @Test
    void surveys_goodAndBadRows_andASecondImport_giveTheSameIds(KafkaEndpoint kafka) throws IOException {
        Path file = Files.writeString(dir.resolve("answers.jsonl"), """
                {"response_id":"S1","site_id":"FR-IDF-001","channel":"EMAIL","nps":9,"satisfaction":5,"visit_date":"2025-03-10"}
                {"response_id":"S2","site_id":"MQ-972-001","channel":"phone","nps":6,"visit_date":"2025-03-10","received_at":"2025-03-11T18:40:00-04:00"}
                {"response_id":"S3","site_id":"FR-IDF-001","channel":"EMAIL","nps":11,"satisfaction":5,"visit_date":"2025-03-10"}
                {"response_id":"S4","site_id":"XX-000-001","channel":"EMAIL","nps":9,"satisfaction":5,"visit_date":"2025-03-10"}
                {"response_id":"S5","site_id":"FR-IDF-001","channel":"SMS","nps":9,"satisfaction":5,"visit_date":"2025-03-10"}
                {"response_id":"S1","site_id":"FR-IDF-001","channel":"EMAIL","nps":9,"satisfaction":5,"visit_date":"2025-03-10"}
                {"response_id":"S7","site_id":"FR-IDF-001","channel":"EMAIL","nps":9,"satisfaction":5}
                {"response_id":"S8",
                """);
        String source = uniqueSource("surveys");
        String[] args = {"surveys", "--file", file.toString(), "--registry", REGISTRY, "--source", source,
            "--bootstrap", kafka.bootstrapServers(), "--create-topics"};

        Run first = importer(args);
        Run second = importer(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out()).isEqualTo(second.out()).contains(
                "answers.jsonl:3: OUT_OF_RANGE: column 'nps' must be from 0 to 10, got 11",
                "answers.jsonl:4: UNKNOWN_SITE: ", "answers.jsonl:5: UNKNOWN_CHANNEL: ",
                "answers.jsonl:6: DUPLICATE_ROW: same keys as line 1", "answers.jsonl:7: MISSING_FIELD: ",
                "answers.jsonl:8: MALFORMED_ROW: not valid JSON",
                "  read             8 rows", "  accepted         2", "  rejected         6");

        List<SurveyResponse> published = values(readAll(kafka, Topic.SURVEYS, source), SurveyResponse.class);
        SurveyResponse s1 = SurveyResponse.newBuilder().setEventId(EventIds.of(source, "S1")).setSiteId("FR-IDF-001")
                .setDeviceId(source).setResponseId("S1").setChannel(SurveyChannel.EMAIL).setNpsScore(9)
                .setSatisfactionScore(5).setVisitDate(LocalDate.of(2025, 3, 10)).setEventTime(IMPORTED_AT)
                .setReceivedTime(IMPORTED_AT).build();
        SurveyResponse s2 = SurveyResponse.newBuilder().setEventId(EventIds.of(source, "S2")).setSiteId("MQ-972-001")
                .setDeviceId(source).setResponseId("S2").setChannel(SurveyChannel.PHONE).setNpsScore(6)
                .setSatisfactionScore(null).setVisitDate(LocalDate.of(2025, 3, 10))
                .setEventTime(Instant.parse("2025-03-11T22:40:00Z")).setReceivedTime(IMPORTED_AT).build();
        assertThat(published).as("each import publishes the same two records, with the same ids")
                .containsExactlyInAnyOrder(s1, s2, s1, s2);

        List<DeadLetter> deadLetters = values(readAll(kafka, Topic.DEAD_LETTER, source), DeadLetter.class);
        assertThat(deadLetters).hasSize(12);
        Map<String, Set<String>> idsBySource = deadLetters.stream().collect(Collectors.groupingBy(DeadLetter::getSource,
                Collectors.mapping(DeadLetter::getEventId, Collectors.toSet())));
        assertThat(idsBySource).as("a re-imported bad row is the same dead letter").hasSize(6)
                .allSatisfy((line, ids) -> assertThat(ids).hasSize(1));
        assertThat(deadLetters).filteredOn(d -> d.getSource().equals("import:answers.jsonl:3")).first()
                .satisfies(d -> assertThat(StandardCharsets.UTF_8.decode(d.getPayload().duplicate()).toString())
                        .isEqualTo("{\"response_id\":\"S3\",\"site_id\":\"FR-IDF-001\",\"channel\":\"EMAIL\",\"nps\":11,"
                                + "\"satisfaction\":5,\"visit_date\":\"2025-03-10\"}"));
    }

    private static AppointmentEvent appointment(String source, String site, String pseudonym, AppointmentAction action,
            String scheduled, String actionTime) {
        Instant at = Instant.parse(actionTime);
        return AppointmentEvent.newBuilder()
                .setEventId(EventIds.of(source, pseudonym, action.name(), at.toEpochMilli()))
                .setSiteId(site).setDeviceId(source).setAppointmentRefPseudonym(pseudonym).setAction(action)
                .setScheduledTime(Instant.parse(scheduled)).setEventTime(at).setReceivedTime(IMPORTED_AT).build();
    }

    private static <T> List<T> values(List<ConsumerRecord<String, SpecificRecord>> records, Class<T> type) {
        return records.stream().map(ConsumerRecord::value).map(type::cast).toList();
    }

    /** Every record of the topic up to its current end whose value's device_id is {@code source}, decoded. */
    private static List<ConsumerRecord<String, SpecificRecord>> readAll(KafkaEndpoint kafka, Topic topic, String source) {
        AvroCodec codec = AvroCodec.released();
        List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("it-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end within 30 s", topic).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    SpecificRecord value = decode(codec, record.value());
                    if (source.equals(String.valueOf(value.get(value.getSchema().getField("device_id").pos())))) {
                        records.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), value));
                    }
                }
            }
        }
        return records;
    }

    private static SpecificRecord decode(AvroCodec codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError("a record on the topic is not decodable: " + e.getMessage(), e);
        }
    }
}
