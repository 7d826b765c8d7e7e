package io.dealerpulse.bench.micro;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.decode.CounterState;
import io.dealerpulse.agent.decode.DecodeContext;
import io.dealerpulse.agent.decode.DeviceTimeRule;
import io.dealerpulse.agent.privacy.Pseudonyms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One site with a device of each format, and a decode context whose AXIS counters always stand one
 * person below the benchmark payload: every decode takes the full "counted" path (parse, counter
 * step, clock rule, event build), which is what the agent does for nearly every real message.
 */
final class BenchSite implements DecodeContext {
    static final String SITE = "FR-PARIS-01";
    static final String AXIS_PREFIX = "axis/ACCC8E123456";
    static final String AXIS_SCENARIO = "Device1Scenario1";
    static final String MILESIGHT_SN = "6600A1B2C3D40001";
    static final String MILESIGHT_LINE = "0f6f3d2e-1111-4c4c-9a9a-222233334444";
    static final String COUNTER = "door-2";
    static final String KIOSK = "kiosk-1";
    /** The AXIS payload's startTime and the total just before its totalHuman of 405. */
    static final Instant AXIS_EPOCH = Instant.parse("2025-11-20T06:00:00Z");
    static final long AXIS_PREVIOUS_TOTAL = 404;

    private final Map<String, AgentConfig.Device> devices = Map.of(
            AXIS_PREFIX, new AgentConfig.Device(AXIS_PREFIX, "axis-object-analytics", List.of(
                    new AgentConfig.Line(AXIS_SCENARIO, Optional.of("IN"), true),
                    new AgentConfig.Line("Device1Scenario2", Optional.of("OUT"), true))),
            MILESIGHT_SN, new AgentConfig.Device(MILESIGHT_SN, "milesight-vs12x", List.of(
                    new AgentConfig.Line(MILESIGHT_LINE, Optional.empty(), true))),
            COUNTER, new AgentConfig.Device(COUNTER, "generic-counter", List.of(
                    new AgentConfig.Line("main", Optional.empty(), true))),
            KIOSK, new AgentConfig.Device(KIOSK, "generic-kiosk", List.of()));
    private final DeviceTimeRule timeRule = new DeviceTimeRule(Duration.ofMinutes(5), Duration.ofDays(7));
    private final Pseudonyms pseudonyms = Pseudonyms.of("bench-site-secret", "bench-network-secret");

    @Override
    public String siteId() {
        return SITE;
    }

    @Override
    public Optional<AgentConfig.Device> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public DeviceTimeRule timeRule() {
        return timeRule;
    }

    @Override
    public int maxCount() {
        return 1000;
    }

    @Override
    public Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    @Override
    public Optional<CounterState> counter(String key) {
        return Optional.of(new CounterState(key, AXIS_EPOCH, AXIS_PREVIOUS_TOTAL));
    }
}
