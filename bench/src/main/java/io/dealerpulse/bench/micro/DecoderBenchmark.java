package io.dealerpulse.bench.micro;

import io.dealerpulse.agent.decode.AxisCrosslineDecoder;
import io.dealerpulse.agent.decode.Decoded;
import io.dealerpulse.agent.decode.DeviceMessage;
import io.dealerpulse.agent.decode.GenericCounterDecoder;
import io.dealerpulse.agent.decode.GenericKioskDecoder;
import io.dealerpulse.agent.decode.MilesightVs12xDecoder;
import io.dealerpulse.agent.decode.PayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One device message of each format (the payloads of {@code ../shared/formats/README.md} and
 * {@code docs/edge-agent.md}) decoded into events, as the agent's ingest thread does for every message.
 * Each payload is valid and counts people, so the result carries an event: the common path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmark {
    /** One second after the payloads' device times: inside the clock rule, never "too old". */
    private static final Instant RECEIVED = Instant.parse("2025-11-24T08:15:01Z");

    private final BenchSite site = new BenchSite();
    private final AxisCrosslineDecoder axis = new AxisCrosslineDecoder();
    private final MilesightVs12xDecoder milesight = new MilesightVs12xDecoder();
    private final GenericCounterDecoder counter = new GenericCounterDecoder();
    private final GenericKioskDecoder kiosk = new GenericKioskDecoder();

    private final DeviceMessage axisMessage = message(
            BenchSite.AXIS_PREFIX + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/" + BenchSite.AXIS_SCENARIO,
            """
            {"topic":"axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1",
             "timestamp":%d,"serial":"ACCC8E123456",
             "message":{"source":{},"key":{},"data":{"startTime":"2025-11-20T06:00:00Z","reason":"human",
               "total":"418","totalHuman":"405","totalCar":"13","totalBike":"0","totalBus":"0",
               "totalTruck":"0","totalOtherVehicle":"0"}}}
            """.formatted(RECEIVED.minusSeconds(1).toEpochMilli()));
    private final DeviceMessage milesightMessage = message("dealer/FR-PARIS-01/door/" + BenchSite.MILESIGHT_SN, """
            {"device_info":{"device_sn":"6600A1B2C3D40001","device_name":"Reception door",
               "firmware_version":"V_125.1.0.3","running_time":5400},
             "line_periodic_data":[{"line":1,"line_name":"Entrance","line_uuid":"0f6f3d2e-1111-4c4c-9a9a-222233334444",
               "total":{"in":4,"out":2}}],
             "line_total_data":[{"line":1,"line_name":"Entrance","line_uuid":"0f6f3d2e-1111-4c4c-9a9a-222233334444",
               "total":{"in_counted":131,"out_counted":117,"capacity_counted":14}}],
             "time_info":{"start_time":"2025-11-24T09:14:00+01:00","end_time":"2025-11-24T09:15:00+01:00",
               "time_zone":"UTC+1:00 Central European Time","enable_dst":true,"dst_status":false}}
            """);
    private final DeviceMessage counterMessage = message("dealerpulse/counter/" + BenchSite.COUNTER, """
            {"site_id":"FR-PARIS-01", "device_id":"door-2", "line_id":"main", "interval_start":"2025-11-24T09:14:00+01:00",
             "interval_end":"2025-11-24T09:15:00+01:00", "in":4, "out":2}
            """);
    private final DeviceMessage kioskMessage = message("dealerpulse/kiosk/" + BenchSite.KIOSK, """
            {"site_id":"FR-PARIS-01", "kiosk_id":"kiosk-1", "message_id":"000042", "type":"CHECK_IN",
             "time":"2025-11-24T09:14:05+01:00", "visit_id":"V-1042", "appointment_ref":"APT-55012"}
            """);

    /** Fails the run if a payload stopped taking the counted path (a benchmark of a rejection is no figure). */
    @Setup
    public void everyPayloadCounts() throws PayloadException {
        check("axis", axisCrossline());
        check("milesight", milesightVs12x());
        check("generic counter", genericCounter());
        check("generic kiosk", genericKiosk());
    }

    private static void check(String format, Decoded decoded) {
        if (decoded.events().isEmpty()) {
            throw new IllegalStateException("the " + format + " benchmark payload produced no event ("
                    + decoded.ignoredBecause().orElse("rejected") + "): fix the payload in DecoderBenchmark");
        }
    }

    private static DeviceMessage message(String topic, String json) {
        return new DeviceMessage(topic, json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Benchmark
    public Decoded axisCrossline() throws PayloadException {
        return axis.decode(axisMessage, site);
    }

    @Benchmark
    public Decoded milesightVs12x() throws PayloadException {
        return milesight.decode(milesightMessage, site);
    }

    @Benchmark
    public Decoded genericCounter() throws PayloadException {
        return counter.decode(counterMessage, site);
    }

    @Benchmark
    public Decoded genericKiosk() throws PayloadException {
        return kiosk.decode(kioskMessage, site);
    }
}
