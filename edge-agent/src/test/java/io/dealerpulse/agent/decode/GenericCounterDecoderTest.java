package io.dealerpulse.agent.decode;

import static io.dealerpulse.agent.SiteFixture.GENERIC_COUNTER;
import static io.dealerpulse.agent.SiteFixture.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenericCounterDecoderTest {
    final GenericCounterDecoder decoder = new GenericCounterDecoder();
    final TestContext context = new TestContext();

    static DeviceMessage interval(String json) {
        return new DeviceMessage("dealerpulse/counter/" + GENERIC_COUNTER, json.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2025-11-24T08:15:02Z"));
    }

    @Test
    void anIntervalGivesOneEventPerDirectionWithCounts() throws Exception {
        var events = decoder.decode(interval("""
                {"device_id":"door-2","line_id":"main","interval_start":"2025-11-24T09:14:00+01:00",
                 "interval_end":"2025-11-24T09:15:00+01:00","in":4,"out":0}"""), context).events();

        assertThat(events).hasSize(1);
        FootfallEvent in = (FootfallEvent) events.get(0);
        assertThat(in.getCount()).isEqualTo(4);
        assertThat(in.getEventId()).isEqualTo(EventIds.of(SITE, GENERIC_COUNTER, "main", "2025-11-24T08:14:00Z", "IN"));
        assertThat(in.getReceptionDoor()).isTrue();
    }

    @Test
    void absurdCountsAreOutOfRange() {
        assertThatThrownBy(() -> decoder.decode(interval("""
                {"device_id":"door-2","line_id":"main","interval_start":"2025-11-24T09:14:00+01:00",
                 "in":100000,"out":0}"""), context)).isInstanceOfSatisfying(PayloadException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE));
    }

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> decoder.decode(interval("{\"device_id\":"), context))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
    }
}
