package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.health.PipelineHealth;
import io.dealerpulse.jobs.score.GroupDatabases;
import io.dealerpulse.jobs.score.ScoreOptions;
import io.dealerpulse.jobs.score.ScoreTopology;
import io.dealerpulse.jobs.sink.InfluxPoint;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * The KPI topology. It <em>receives</em> its inputs and sinks, so the deployable job wires Kafka and
 * InfluxDB while tests, the demo and benchmarks plug in their own (see STYLE.md).
 *
 * <p>Inputs are decoded streams as produced by
 * {@code io.dealerpulse.schemas.flink.DecodingDeserializationSchema}: {@code Left} = a record,
 * {@code Right} = a dead letter for bytes that could not be decoded.
 *
 * <p>Shape: each input is mapped to a {@link SiteInput} envelope, the six are unioned and keyed by
 * site id into one {@link SiteKpiFunction}, which keeps each site's clock, registry, de-duplication
 * and windows (see its Javadoc for why sites do not share Flink's watermark). Undecodable inputs go
 * to the dead-letter sink and are counted in the site's (or {@code _unknown}'s) accounting.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = ...;                 // pipeline.generic-types: false
 * KpiPipeline.build(new KpiPipeline.Inputs(footfall, kiosk, appointments, surveys, registry, agentStatus),
 *         new KpiPipeline.Outputs(influxSink, deadLetterSink, lateEventSink),
 *         KpiOptions.defaults().withAllowedLateness(Duration.ofHours(24)));
 * env.execute("dealerpulse-kpis");
 * }</pre>
 */
public final class KpiPipeline {
    /** Stable operator ids: savepoints map state by these, never change them. */
    public static final String SITE_KPI_UID = "site-kpi";
    public static final String ENVELOPE_UID_PREFIX = "envelope-";
    public static final String UNDECODABLE_UID = "undecodable-dead-letters";
    public static final String INFLUX_SINK_UID = "influx-sink";
    public static final String DEAD_LETTER_SINK_UID = "dead-letter-sink";
    public static final String LATE_EVENT_SINK_UID = "late-event-sink";
    public static final String GROUP_DATABASES_UID = "group-databases";

    private KpiPipeline() {}

    /** Wires the whole KPI topology between the given inputs and outputs, with the default score model. */
    public static void build(Inputs in, Outputs out, KpiOptions options) {
        build(in, out, options, ScoreOptions.defaults());
    }

    /**
     * Wires the whole KPI topology between the given inputs and outputs: staffing windows and
     * accounting from {@link SiteKpiFunction}, and the scores and comparisons of
     * {@link ScoreTopology}, fed by what the site function applied, into the same InfluxDB sink.
     */
    public static void build(Inputs in, Outputs out, KpiOptions options, ScoreOptions scoreOptions) {
        build(in, out, options, scoreOptions, OutputOptions.defaults());
    }

    /**
     * As {@link #build(Inputs, Outputs, KpiOptions, ScoreOptions)}, plus pipeline health
     * ({@link PipelineHealth}) and the copies of investor-group points to their own databases
     * ({@link GroupDatabases}) before the InfluxDB sink.
     */
    public static void build(Inputs in, Outputs out, KpiOptions options, ScoreOptions scoreOptions,
            OutputOptions outputOptions) {
        DataStream<SiteInput> all = envelope(in.footfall(), SourceStream.FOOTFALL, SiteInput::of)
                .union(envelope(in.kiosk(), SourceStream.KIOSK, SiteInput::of),
                        envelope(in.appointments(), SourceStream.APPOINTMENT, SiteInput::of),
                        envelope(in.surveys(), SourceStream.SURVEY, SiteInput::of),
                        envelope(in.registry(), SourceStream.REGISTRY, SiteInput::of),
                        envelope(in.agentStatus(), SourceStream.AGENT_STATUS, SiteInput::of));

        DataStream<DeadLetter> undecodable = all
                .filter(SiteInput::carriesDeadLetter)
                .uid(UNDECODABLE_UID + "-filter").name("Undecodable inputs")
                .map(SiteInput::getDeadLetter).returns(new AvroTypeInfo<>(DeadLetter.class))
                .uid(UNDECODABLE_UID).name("Undecodable inputs as dead letters");

        SingleOutputStreamOperator<InfluxPoint> points = all
                .keyBy(SiteInput::getSiteId, Types.STRING)
                .process(new SiteKpiFunction(options), TypeInformation.of(InfluxPoint.class))
                .uid(SITE_KPI_UID).name("Site KPIs: per-site clock, registry join, de-duplication, staffing windows");

        DataStream<InfluxPoint> scores = ScoreTopology.attach(points.getSideOutput(SiteKpiFunction.SCORE_SIGNALS),
                scoreOptions, options.allowedLateness());
        DataStream<DeadLetter> deadLetters = undecodable.union(points.getSideOutput(SiteKpiFunction.DEAD_LETTERS));
        DataStream<InfluxPoint> health = PipelineHealth.attach(all, deadLetters, points, outputOptions.health());
        points.union(scores, health)
                .flatMap(new GroupDatabases(outputOptions.groupDatabasePrefix())).returns(TypeInformation.of(InfluxPoint.class))
                .uid(GROUP_DATABASES_UID).name("Investor-group copies")
                .sinkTo(out.influx()).uid(INFLUX_SINK_UID).name("InfluxDB points");
        deadLetters.sinkTo(out.deadLetters()).uid(DEAD_LETTER_SINK_UID).name("Dead letters");
        points.getSideOutput(SiteKpiFunction.LATE_EVENTS)
                .sinkTo(out.lateEvents()).uid(LATE_EVENT_SINK_UID).name("Too-late events");
    }

    /** Left records become envelopes of their stream; Right dead letters are kept, tagged with the stream. */
    private static <T> DataStream<SiteInput> envelope(DataStream<Either<T, DeadLetter>> input, SourceStream stream,
            SerializableEnvelope<T> wrap) {
        MapFunction<Either<T, DeadLetter>, SiteInput> toEnvelope =
                e -> e.isLeft() ? wrap.apply(e.left()) : SiteInput.deadLettered(stream, e.right());
        // Same parallelism as the source, so the map chains to it and keeps each partition's order
        // up to the keyBy (the per-site clock relies on a device's events arriving in order).
        return input.map(toEnvelope).returns(TypeInformation.of(SiteInput.class))
                .setParallelism(input.getParallelism())
                .uid(ENVELOPE_UID_PREFIX + stream.code()).name("Envelope " + stream.code());
    }

    /** A serializable record-to-envelope constructor reference. */
    @FunctionalInterface
    private interface SerializableEnvelope<T> extends java.io.Serializable {
        SiteInput apply(T record);
    }

    /** Decoded input streams (sources already attached, no watermarks needed: sites keep their own clocks). */
    public record Inputs(
            DataStream<Either<FootfallEvent, DeadLetter>> footfall,
            DataStream<Either<KioskEvent, DeadLetter>> kiosk,
            DataStream<Either<AppointmentEvent, DeadLetter>> appointments,
            DataStream<Either<SurveyResponse, DeadLetter>> surveys,
            DataStream<Either<SiteRegistryVersion, DeadLetter>> registry,
            DataStream<Either<AgentStatus, DeadLetter>> agentStatus) {}

    /** Where results go. */
    public record Outputs(Sink<InfluxPoint> influx, Sink<DeadLetter> deadLetters, Sink<DeadLetter> lateEvents) {}
}
