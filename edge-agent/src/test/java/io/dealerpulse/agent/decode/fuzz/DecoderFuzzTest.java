package io.dealerpulse.agent.decode.fuzz;

import static io.dealerpulse.agent.SiteFixture.AXIS_IN;
import static io.dealerpulse.agent.SiteFixture.AXIS_PREFIX;
import static io.dealerpulse.agent.SiteFixture.GENERIC_COUNTER;
import static io.dealerpulse.agent.SiteFixture.KIOSK;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_LINE;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_SN;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dealerpulse.agent.decode.AxisCrosslineDecoder;
import io.dealerpulse.agent.decode.GenericCounterDecoder;
import io.dealerpulse.agent.decode.GenericKioskDecoder;
import io.dealerpulse.agent.decode.MilesightVs12xDecoder;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of every device decoder with Jazzer (docs/robustness.md). Without
 * {@code JAZZER_FUZZ} each method runs once per committed input under
 * {@code src/test/resources/io/dealerpulse/agent/decode/fuzz/DecoderFuzzTestInputs/<method>/}
 * (valid fixtures and the inputs of past findings) as part of the normal test run; with
 * {@code JAZZER_FUZZ=1} one method is fuzzed for at most {@code maxDuration}:
 * <pre>JAZZER_FUZZ=1 ./mvnw -B -pl edge-agent test -Dtest=DecoderFuzzTest#milesight -DargLine=-Xmx512m</pre>
 * The property: each payload decodes or is rejected with a {@code PayloadException} reason, as the
 * {@code DeviceDecoder} contract says; any other throwable (including OutOfMemoryError under the
 * bounded heap) or assertion failure is a finding.
 */
class DecoderFuzzTest {
    private static final Instant RECEIVED = Instant.parse("2025-11-24T08:15:02Z");

    private static final DecoderUnderFuzz AXIS = new DecoderUnderFuzz(new AxisCrosslineDecoder(),
            AXIS_PREFIX + "/event/CameraApplicationPlatform/ObjectAnalytics/" + AXIS_IN, RECEIVED, """
            {"topic":"axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1","timestamp":1763971200000,
             "serial":"ACCC8E123456","message":{"source":{},"key":{},"data":{"startTime":"2025-11-24T06:00:00Z",
             "reason":"human","total":"408","totalHuman":"405","totalCar":"0"}}}""");

    private static final DecoderUnderFuzz MILESIGHT = new DecoderUnderFuzz(new MilesightVs12xDecoder(),
            "dealer/FR-PARIS-01/door/" + MILESIGHT_SN, RECEIVED, """
            {"device_info":{"device_sn":"%s","device_name":"Reception door","running_time":5400},
             "line_periodic_data":[{"line":1,"line_name":"Entrance","line_uuid":"%s","total":{"in":4,"out":2}}],
             "line_total_data":[{"line":1,"line_uuid":"%s","total":{"in_counted":131,"out_counted":117}}],
             "time_info":{"start_time":"2025-11-24T09:13:00+01:00","end_time":"2025-11-24T09:14:00+01:00",
             "time_zone":"UTC+1:00 Central European Time","enable_dst":true,"dst_status":false}}"""
            .formatted(MILESIGHT_SN, MILESIGHT_LINE, MILESIGHT_LINE));

    private static final DecoderUnderFuzz GENERIC_COUNTER_DECODER = new DecoderUnderFuzz(new GenericCounterDecoder(),
            "dealerpulse/counter/" + GENERIC_COUNTER, RECEIVED, """
            {"device_id":"door-2","line_id":"main","interval_start":"2025-11-24T09:13:00+01:00",
             "interval_end":"2025-11-24T09:14:00+01:00","in":4,"out":0}""");

    private static final DecoderUnderFuzz KIOSK_DECODER = new DecoderUnderFuzz(new GenericKioskDecoder(),
            "dealerpulse/kiosk/" + KIOSK, RECEIVED, """
            {"kiosk_id":"%s","message_id":"000041","type":"SIGN_ON","time":"2025-11-24T09:00:00+01:00",
             "badge_id":"B-7781"}""".formatted(KIOSK));

    @FuzzTest(maxDuration = "2m")
    void axis(byte[] payload) {
        AXIS.check(payload);
    }

    @FuzzTest(maxDuration = "2m")
    void milesight(byte[] payload) {
        MILESIGHT.check(payload);
    }

    @FuzzTest(maxDuration = "2m")
    void genericCounter(byte[] payload) {
        GENERIC_COUNTER_DECODER.check(payload);
    }

    @FuzzTest(maxDuration = "2m")
    void genericKiosk(byte[] payload) {
        KIOSK_DECODER.check(payload);
    }
}
