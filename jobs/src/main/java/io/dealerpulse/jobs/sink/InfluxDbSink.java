package io.dealerpulse.jobs.sink;

import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link InfluxPoint}s to InfluxDB 1.x (Sink V2). At-least-once: every checkpoint flushes the
 * writers, and the points are idempotent (deterministic series and timestamp, every field written on
 * every write), so what a restart replays overwrites itself. Batching, retries and the handling of
 * rejected points are described on {@link InfluxDbWriter}.
 *
 * <pre>{@code
 * stream.sinkTo(new InfluxDbSink(InfluxDbSinkOptions.of("http://influxdb:8086", "dealerpulse", user, password)))
 *       .name("InfluxDB").uid("influxdb-sink");
 * }</pre>
 */
public final class InfluxDbSink implements Sink<InfluxPoint> {
    private static final long serialVersionUID = 1L;

    private final InfluxDbSinkOptions options;

    public InfluxDbSink(InfluxDbSinkOptions options) {
        this.options = options;
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
        // The KPI operator is chained with this writer and opened after it; on a task manager that
        // never decoded a Kafka record, Avro 1.12 would otherwise refuse to instantiate our event
        // classes when the network stack deserializes them ("Forbidden io.dealerpulse.events...").
        TrustedAvroClasses.register();
        InfluxWriteClient client = new InfluxWriteClient(options.url(), options.user(), options.password(),
                options.requestTimeout());
        return new InfluxDbWriter(options, client, context.getProcessingTimeService(),
                new InfluxSinkMetrics(context.metricGroup()));
    }

    public InfluxDbSinkOptions options() {
        return options;
    }
}
