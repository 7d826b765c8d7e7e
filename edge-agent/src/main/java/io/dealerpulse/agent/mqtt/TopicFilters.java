package io.dealerpulse.agent.mqtt;

import io.dealerpulse.agent.config.AgentConfig;
import java.util.List;
import java.util.Optional;

/** Picks the device format of a message by the first subscription whose MQTT filter matches its topic. */
public final class TopicFilters {
    private final List<AgentConfig.Subscription> subscriptions;

    public TopicFilters(List<AgentConfig.Subscription> subscriptions) {
        this.subscriptions = List.copyOf(subscriptions);
    }

    public Optional<String> formatOf(String topic) {
        return subscriptions.stream().filter(s -> matches(s.topicFilter(), topic)).map(AgentConfig.Subscription::format)
                .findFirst();
    }

    /** MQTT filter matching: {@code +} is one level, a trailing {@code #} is any number of levels. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
