package io.dealerpulse.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.kpi.Registries;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KpiPipeline#build} on a MiniCluster at parallelism 2 with bounded in-memory inputs: the
 * wiring (six streams, dead letters, late events, points), keying by site, and that the whole
 * topology runs with generic types (Kryo) disabled. One run, shared by the assertions.
 */
class KpiPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String PARIS = "paris-1";
    private static final String KOLKATA = "kolkata-1";
    private static final Events AT_PARIS = new Events(PARIS);
    private static final Events AT_KOLKATA = new Events(KOLKATA);
    /** Monday 2026-06-15: 08:00 in Paris (+02:00); 09:00 in Kolkata (+05:30) is 03:30 UTC. */
    private static final Instant PARIS_OPENING = Instant.parse("2026-06-15T06:00:00Z");
    private static final Instant KOLKATA_OPENING = Instant.parse("2026-06-15T03:30:00Z");
    /** Past Monday's closing (18:00 Paris) plus the out-of-orderness: every Monday window closes. */
    private static final Instant AFTER_MONDAY_CLOSING = Instant.parse("2026-06-15T16:05:00Z");
    private static final FootfallEvent DUPLICATED = AT_PARIS.entries(PARIS_OPENING.plusSeconds(60), 2);
    private static final FootfallEvent TOO_LATE = AT_PARIS.entries(Instant.parse("2026-06-14T16:00:00Z"), 9);

    private static CollectingSink<InfluxPoint> influx;
    private static CollectingSink<DeadLetter> deadLetters;
    private static CollectingSink<DeadLetter> lateEvents;
    private static boolean genericTypesDisabled;

    @BeforeAll
    static void runPipelineOnce() throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        genericTypesDisabled = env.getConfig().getSerializerConfig().hasGenericTypesDisabled();

        influx = new CollectingSink<>();
        deadLetters = new CollectingSink<>();
        lateEvents = new CollectingSink<>();
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, FootfallEvent.class, List.of(
                        Either.Left(DUPLICATED), Either.Left(DUPLICATED),
                        Either.Right(undecodable("footfall", null)),
                        Either.Left(AT_KOLKATA.entries(KOLKATA_OPENING.plusSeconds(60), 1)),
                        // moves Paris's clock past Monday's closing; then an event more than 24 h older
                        Either.Left(AT_PARIS.entries(AFTER_MONDAY_CLOSING, 1)),
                        Either.Left(TOO_LATE))),
                source(env, KioskEvent.class, List.of(
                        Either.Left(AT_PARIS.signOn("alice", PARIS_OPENING)),
                        Either.Left(AT_PARIS.checkIn("v1", PARIS_OPENING.plusSeconds(300), "ref-1")),
                        Either.Left(AT_PARIS.served("v1", PARIS_OPENING.plusSeconds(600))),
                        Either.Right(undecodable("kiosk", PARIS)))),
                source(env, AppointmentEvent.class, List.of(Either.Left(AT_PARIS.appointment("ref-1",
                        AppointmentAction.BOOKED, PARIS_OPENING, Instant.parse("2026-06-10T09:00:00Z"))))),
                source(env, SurveyResponse.class, List.of(Either.Left(
                        AT_PARIS.survey(PARIS_OPENING.plusSeconds(900), LocalDate.of(2026, 6, 15), 9)))),
                source(env, SiteRegistryVersion.class, List.of(
                        Either.Left(Registries.site(PARIS, "Europe/Paris").everyDay("08:00", "18:00").build()),
                        Either.Left(Registries.site(KOLKATA, "Asia/Kolkata").everyDay("09:00", "18:00").build()))),
                source(env, AgentStatus.class, List.of(
                        Either.Left(AT_PARIS.heartbeat(PARIS_OPENING.plus(Duration.ofMinutes(20)))),
                        Either.Left(AT_KOLKATA.heartbeat(KOLKATA_OPENING.plus(Duration.ofMinutes(20)))))));
        KpiPipeline.build(inputs, new KpiPipeline.Outputs(influx, deadLetters, lateEvents),
                KpiOptions.defaults().withAccountingOnEveryEvent(true));
        env.execute("kpi-pipeline-it");
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(
            StreamExecutionEnvironment env, Class<T> type, List<Either<T, DeadLetter>> records) {
        return env.fromData(records, new EitherTypeInfo<>(new AvroTypeInfo<>(type), new AvroTypeInfo<>(DeadLetter.class)));
    }

    private static DeadLetter undecodable(String stream, String site) {
        Instant at = Instant.parse("2026-06-15T06:30:00Z");
        return DeadLetter.newBuilder().setEventId("undecodable-" + stream).setSiteId(site)
                .setSource("kafka:" + stream + "/0/1").setStream(stream).setReason("CORRUPT_AVRO")
                .setDetail("test").setPayload(ByteBuffer.wrap(new byte[] {0x42})).setReceivedTime(at)
                .setDeadLetteredTime(at).build();
    }

    /** What InfluxDB would hold: the last write per series and timestamp. */
    private static Map<String, InfluxPoint> stored() {
        Map<String, InfluxPoint> latest = new LinkedHashMap<>();
        influx.records().forEach(p -> latest.put(p.seriesKey(), p));
        return latest;
    }

    private static List<InfluxPoint> windows(String site) {
        return stored().values().stream().filter(p -> p.getMeasurement().equals(KpiPoints.STAFFING_WINDOW))
                .filter(p -> p.getTags().get("site").equals(site)).toList();
    }

    private static InfluxPoint window(String site, Instant start) {
        return windows(site).stream().filter(p -> p.getTimestampMillis() == start.toEpochMilli()).findFirst()
                .orElseThrow(() -> new AssertionError("no window " + start + " of " + site));
    }

    private static InfluxPoint latestAccounting(String site, SourceStream stream) {
        InfluxPoint latest = null;
        for (InfluxPoint p : influx.records()) {
            if (p.getMeasurement().equals(KpiPoints.STREAM_ACCOUNTING) && p.getTags().get("site").equals(site)
                    && p.getTags().get("stream").equals(stream.code())) {
                latest = p;
            }
        }
        assertThat(latest).as("accounting of %s/%s", site, stream).isNotNull();
        return latest;
    }

    @Test
    void runsWithGenericTypesDisabled() {
        assertThat(genericTypesDisabled).isTrue();
    }

    @Test
    void windowsJoinTheRegistryAndAllStreamsOfTheirSite() {
        InfluxPoint paris = window(PARIS, PARIS_OPENING);
        assertThat(paris.getLongFields()).containsEntry("visitors", 2L).containsEntry("check_ins", 1L)
                .containsEntry("walk_ins", 0L).containsEntry("appointments_due", 1L)
                .containsEntry("appointments_arrived", 1L).containsEntry("waiting_served", 1L);
        assertThat(paris.getDoubleFields()).containsEntry("staff_on_duty", 1.0).containsEntry("waiting_mean_s", 300.0);
        assertThat(windows(PARIS)).as("the 40 Monday windows").hasSize(40);

        InfluxPoint kolkata = window(KOLKATA, KOLKATA_OPENING);
        assertThat(kolkata.getLongFields()).containsEntry("visitors", 1L).containsEntry("utc_offset_min", 330L);
        assertThat(kolkata.getTags()).containsEntry("local_hour", "09");
        assertThat(windows(KOLKATA)).hasSize(1);
    }

    @Test
    void undecodableAndTooLateInputsReachTheirSinks() {
        assertThat(deadLetters.records()).extracting(DeadLetter::getEventId)
                .containsExactlyInAnyOrder("undecodable-footfall", "undecodable-kiosk");
        assertThat(lateEvents.records()).singleElement().satisfies(dl -> {
            assertThat(dl.getEventId()).isEqualTo(TOO_LATE.getEventId());
            assertThat(dl.getReason()).isEqualTo("TOO_LATE");
        });
    }

    @Test
    void accountingBucketsAddUpPerStream() {
        InfluxPoint footfall = latestAccounting(PARIS, SourceStream.FOOTFALL);
        assertThat(footfall.getLongFields()).containsEntry("received", 4L).containsEntry("duplicate", 1L)
                .containsEntry("too_late", 1L);
        assertThat(latestAccounting(SiteInput.UNKNOWN_SITE_KEY, SourceStream.FOOTFALL).getLongFields())
                .containsEntry("dead_lettered", 1L);
        assertThat(latestAccounting(PARIS, SourceStream.KIOSK).getLongFields())
                .containsEntry("received", 4L).containsEntry("dead_lettered", 1L);
        for (String site : List.of(PARIS, KOLKATA)) {
            for (SourceStream stream : List.of(SourceStream.FOOTFALL, SourceStream.REGISTRY, SourceStream.AGENT_STATUS)) {
                InfluxPoint p = latestAccounting(site, stream);
                long buckets = 0;
                for (Bucket bucket : Bucket.values()) {
                    buckets += p.getLongFields().get(bucket.field());
                }
                assertThat(buckets).as("%s/%s", site, stream).isEqualTo(p.getLongFields().get("received"));
            }
        }
    }
}
