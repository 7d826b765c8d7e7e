package io.dealerpulse.agent.decode.fuzz;

import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.decode.CounterState;
import io.dealerpulse.agent.decode.DecodeContext;
import io.dealerpulse.agent.decode.Decoded;
import io.dealerpulse.agent.decode.DeviceTimeRule;
import io.dealerpulse.agent.privacy.Pseudonyms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The fixture site's decode context with an in-memory counter store, fresh for every fuzz input. */
final class FuzzContext implements DecodeContext {
    private static final AgentConfig CONFIG = SiteFixture.config("tcp://127.0.0.1:1883", "127.0.0.1:9092",
            Path.of("target", "decoder-fuzz"));
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.of("site-secret-for-tests", "network-secret-for-tests");
    private final Map<String, CounterState> counters = new HashMap<>();

    /** Commits a result's counter updates, as the outbox transaction would. */
    void commit(Decoded decoded) {
        decoded.counterUpdates().forEach(state -> counters.put(state.key(), state));
    }

    @Override
    public String siteId() {
        return CONFIG.siteId();
    }

    @Override
    public Optional<AgentConfig.Device> device(String deviceId) {
        return CONFIG.device(deviceId);
    }

    @Override
    public DeviceTimeRule timeRule() {
        return new DeviceTimeRule(Duration.ofMinutes(5), Duration.ofDays(7));
    }

    @Override
    public int maxCount() {
        return 1000;
    }

    @Override
    public Pseudonyms pseudonyms() {
        return PSEUDONYMS;
    }

    @Override
    public Optional<CounterState> counter(String key) {
        return Optional.ofNullable(counters.get(key));
    }
}
