package io.dealerpulse.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicFiltersTest {
    @Test
    void wildcardsMatchLikeMqtt() {
        assertThat(TopicFilters.matches("axis/+/event/#", "axis/ACCC8E/event/tns:axis/X/Device1Scenario1")).isTrue();
        assertThat(TopicFilters.matches("dealer/+/door/+", "dealer/FR/door/6600")).isTrue();
        assertThat(TopicFilters.matches("dealer/+/door/+", "dealer/FR/door/6600/extra")).isFalse();
        assertThat(TopicFilters.matches("dealerpulse/kiosk/+", "dealerpulse/counter/x")).isFalse();
    }
}
