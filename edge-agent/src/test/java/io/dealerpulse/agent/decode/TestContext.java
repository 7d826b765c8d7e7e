package io.dealerpulse.agent.decode;

import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.privacy.Pseudonyms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A decode context over the fixture site with an in-memory counter store that tests commit into; the
 * decoder unit, robustness and fuzz tests share it.
 */
public final class TestContext implements DecodeContext {
    static final AgentConfig CONFIG = SiteFixture.config("tcp://127.0.0.1:1883", "127.0.0.1:9092",
            Path.of("target", "decode-test"));
    final Map<String, CounterState> counters = new HashMap<>();

    /** Commits a decode result's counter updates, as the outbox transaction would. */
    public Decoded commit(Decoded decoded) {
        decoded.counterUpdates().forEach(s -> counters.put(s.key(), s));
        return decoded;
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
        return Pseudonyms.of("site-secret-for-tests", "network-secret-for-tests");
    }

    @Override
    public Optional<CounterState> counter(String key) {
        return Optional.ofNullable(counters.get(key));
    }
}
