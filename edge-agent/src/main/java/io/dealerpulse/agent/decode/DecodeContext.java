package io.dealerpulse.agent.decode;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.privacy.Pseudonyms;
import java.util.Optional;

/** What a decoder may consult: the site's identity and device list, limits, keys and counter states. */
public interface DecodeContext {
    String siteId();

    Optional<AgentConfig.Device> device(String deviceId);

    DeviceTimeRule timeRule();

    /** Largest count one message (AXIS delta, interval count) may carry before it is called absurd. */
    int maxCount();

    Pseudonyms pseudonyms();

    /** The last committed (or, within a batch, the latest pending) state of a cumulative counter. */
    Optional<CounterState> counter(String key);
}
