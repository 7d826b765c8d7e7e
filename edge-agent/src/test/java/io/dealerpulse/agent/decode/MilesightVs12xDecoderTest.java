package io.dealerpulse.agent.decode;

import static io.dealerpulse.agent.SiteFixture.MILESIGHT_LINE;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_SN;
import static io.dealerpulse.agent.SiteFixture.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class MilesightVs12xDecoderTest {
    /** Europe/Paris falls back on 2025-10-26 at 03:00 CEST: local 02:00-03:00 happens twice. */
    static final String FIRST_0230 = "2025-10-26T02:30:00+02:00";
    static final String FIRST_0231 = "2025-10-26T02:31:00+02:00";
    static final String SECOND_0230 = "2025-10-26T02:30:00+01:00";
    static final String SECOND_0231 = "2025-10-26T02:31:00+01:00";

    final MilesightVs12xDecoder decoder = new MilesightVs12xDecoder();
    final TestContext context = new TestContext();

    static DeviceMessage report(String serial, String start, String end, String in, String out) {
        String json = """
                {"device_info":{"device_sn":"%s","device_name":"Reception door","running_time":5400},
                 "line_periodic_data":[{"line":1,"line_name":"Entrance","line_uuid":"%s","total":{"in":%s,"out":%s}}],
                 "line_total_data":[{"line":1,"line_uuid":"%s","total":{"in_counted":131,"out_counted":117}}],
                 "time_info":{"start_time":"%s","end_time":"%s","time_zone":"UTC+1:00 Central European Time",
                 "enable_dst":true,"dst_status":false}}""".formatted(serial, MILESIGHT_LINE, in, out, MILESIGHT_LINE,
                start, end);
        return new DeviceMessage("dealer/FR-PARIS-01/door/" + serial, json.getBytes(StandardCharsets.UTF_8),
                Instant.parse(end.substring(0, 19) + "Z").plusSeconds(7200));
    }

    static DeviceMessage received(DeviceMessage message, Instant at) {
        return new DeviceMessage(message.topic(), message.payload(), at);
    }

    @Test
    void theRepeatedLocalHourOfAFallBackDayGivesDistinctUtcEventsAndIds() throws Exception {
        Instant receivedFirst = Instant.parse("2025-10-26T00:31:05Z");
        Instant receivedSecond = Instant.parse("2025-10-26T01:31:05Z");
        var first = decoder.decode(received(report(MILESIGHT_SN, FIRST_0230, FIRST_0231, "4", "2"), receivedFirst),
                context).events();
        var second = decoder.decode(received(report(MILESIGHT_SN, SECOND_0230, SECOND_0231, "3", "0"), receivedSecond),
                context).events();

        assertThat(first).hasSize(2);
        FootfallEvent in = footfall(first.get(0));
        assertThat(in.getDirection()).isEqualTo(Direction.IN);
        assertThat(in.getCount()).isEqualTo(4);
        assertThat(in.getEventTime()).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
        assertThat(in.getIntervalEnd()).isEqualTo(Instant.parse("2025-10-26T00:31:00Z"));
        assertThat(in.getReceptionDoor()).isTrue();
        assertThat(in.getEventId()).isEqualTo(EventIds.of(SITE, MILESIGHT_SN, MILESIGHT_LINE, "2025-10-26T00:30:00Z",
                "IN"));
        assertThat(footfall(first.get(1)).getCount()).isEqualTo(2);

        assertThat(second).hasSize(1);
        FootfallEvent later = footfall(second.get(0));
        assertThat(later.getEventTime()).isEqualTo(Instant.parse("2025-10-26T01:30:00Z"));
        assertThat(later.getEventId()).isNotEqualTo(in.getEventId());
    }

    @Test
    void aRedeliveredReportHasTheSameIds() throws Exception {
        DeviceMessage message = received(report(MILESIGHT_SN, FIRST_0230, FIRST_0231, "4", "2"),
                Instant.parse("2025-10-26T00:31:05Z"));
        DeviceMessage later = received(message, Instant.parse("2025-10-26T00:45:00Z"));

        assertThat(ids(decoder.decode(message, context))).isEqualTo(ids(decoder.decode(later, context)));
    }

    @Test
    void negativeCountsAreOutOfRangeAndFractionsWrongType() {
        Instant at = Instant.parse("2025-10-26T00:31:05Z");
        assertThatThrownBy(() -> decoder.decode(received(report(MILESIGHT_SN, FIRST_0230, FIRST_0231, "-1", "0"), at),
                context)).isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE));
        assertThatThrownBy(() -> decoder.decode(received(report(MILESIGHT_SN, FIRST_0230, FIRST_0231, "1.5", "0"), at),
                context)).isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.WRONG_TYPE));
    }

    @Test
    void anUnknownSerialIsRejected() {
        Instant at = Instant.parse("2025-10-26T00:31:05Z");
        assertThatThrownBy(() -> decoder.decode(received(report("6600FFFFFFFF0000", FIRST_0230, FIRST_0231, "1", "0"),
                at), context)).isInstanceOfSatisfying(PayloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE);
                    assertThat(e.deviceId()).hasValue("6600FFFFFFFF0000");
                });
    }

    @Test
    void aReportOlderThanTheMaximumAgeIsTooOld() {
        Instant eightDaysLater = Instant.parse("2025-11-03T00:31:05Z");
        assertThatThrownBy(() -> decoder.decode(received(report(MILESIGHT_SN, FIRST_0230, FIRST_0231, "1", "0"),
                eightDaysLater), context)).isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_OLD));
    }

    private static FootfallEvent footfall(SpecificRecord record) {
        return (FootfallEvent) record;
    }

    private static java.util.List<Object> ids(Decoded decoded) {
        return decoded.events().stream().map(e -> (Object) footfall(e).getEventId()).toList();
    }
}
