package io.dealerpulse.agent.decode;

import static io.dealerpulse.agent.SiteFixture.AXIS_IN;
import static io.dealerpulse.agent.SiteFixture.AXIS_PREFIX;
import static io.dealerpulse.agent.SiteFixture.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AxisCrosslineDecoderTest {
    static final Instant OPENING = Instant.parse("2025-11-24T08:00:00Z");
    static final String RESET_AT_SIX = "2025-11-24T06:00:00Z";
    static final String RESET_AT_NINE = "2025-11-24T09:00:00Z";
    static final String TOPIC = AXIS_PREFIX + "/event/CameraApplicationPlatform/ObjectAnalytics/" + AXIS_IN;

    final AxisCrosslineDecoder decoder = new AxisCrosslineDecoder();
    final TestContext context = new TestContext();

    static DeviceMessage crossing(String topic, Instant at, String startTime, long totalHuman) {
        String json = """
                {"topic":"axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1","timestamp":%d,
                 "serial":"ACCC8E123456","message":{"source":{},"key":{},"data":{"startTime":"%s","reason":"human",
                 "total":"%d","totalHuman":"%d","totalCar":"0"}}}""".formatted(at.toEpochMilli(), startTime,
                totalHuman + 3, totalHuman);
        return new DeviceMessage(topic, json.getBytes(StandardCharsets.UTF_8), at.plusMillis(40));
    }

    Decoded decode(DeviceMessage message) throws PayloadException {
        return context.commit(decoder.decode(message, context));
    }

    @Test
    void firstSightIsABaselineThenEachCrossingCountsTheIncrease() throws Exception {
        Decoded baseline = decode(crossing(TOPIC, OPENING, RESET_AT_SIX, 405));
        Decoded next = decode(crossing(TOPIC, OPENING.plusSeconds(10), RESET_AT_SIX, 406));
        Decoded jump = decode(crossing(TOPIC, OPENING.plusSeconds(20), RESET_AT_SIX, 409));

        assertThat(baseline.events()).isEmpty();
        assertThat(baseline.ignoredBecause()).hasValueSatisfying(why -> assertThat(why).contains("baseline"));
        FootfallEvent one = (FootfallEvent) next.events().get(0);
        assertThat(one.getCount()).isEqualTo(1);
        assertThat(one.getDirection()).isEqualTo(Direction.IN);
        assertThat(one.getReceptionDoor()).isTrue();
        assertThat(one.getEventTime()).isEqualTo(OPENING.plusSeconds(10));
        assertThat(one.getEventId()).isEqualTo(EventIds.of(SITE, AXIS_PREFIX, AXIS_IN, RESET_AT_SIX, 406L));
        assertThat(((FootfallEvent) jump.events().get(0)).getCount()).isEqualTo(3);
    }

    @Test
    void aNewerStartTimeIsAResetThatCountsTheNewTotal() throws Exception {
        decode(crossing(TOPIC, OPENING, RESET_AT_SIX, 405));
        FootfallEvent afterReset = (FootfallEvent) decode(crossing(TOPIC, OPENING.plusSeconds(3700), RESET_AT_NINE, 2))
                .events().get(0);

        assertThat(afterReset.getCount()).isEqualTo(2);
        assertThat(afterReset.getCounterReset()).isTrue();
    }

    @Test
    void aRedeliveryOrAStaleMessageCountsNothingAndKeepsTheState() throws Exception {
        decode(crossing(TOPIC, OPENING, RESET_AT_SIX, 405));
        decode(crossing(TOPIC, OPENING.plusSeconds(10), RESET_AT_SIX, 406));
        Decoded redelivered = decode(crossing(TOPIC, OPENING.plusSeconds(10), RESET_AT_SIX, 406));
        Decoded stale = decode(crossing(TOPIC, OPENING.plusSeconds(5), RESET_AT_SIX, 405));

        assertThat(redelivered.events()).isEmpty();
        assertThat(stale.events()).isEmpty();
        assertThat(context.counters.get(AXIS_PREFIX + "|" + AXIS_IN).total()).isEqualTo(406);
    }

    @Test
    void scenarioAnyThresholdAndUnmappedScenariosAreIgnoredNotRejected() throws Exception {
        String base = AXIS_PREFIX + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/";
        assertThat(decode(crossing(base + "Device1ScenarioANY", OPENING, RESET_AT_SIX, 1)).ignoredBecause()).isPresent();
        assertThat(decode(crossing(base + "Device1Scenario1Threshold", OPENING, RESET_AT_SIX, 1)).ignoredBecause())
                .isPresent();
        assertThat(decode(crossing(base + "Device1Scenario7", OPENING, RESET_AT_SIX, 1)).ignoredBecause()).isPresent();
    }

    @Test
    void namespacedTopicsAndSourceSuffixesNameTheSameCounter() throws Exception {
        String namespaced = AXIS_PREFIX + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/" + AXIS_IN
                + "/$source/port/1";
        decode(crossing(TOPIC, OPENING, RESET_AT_SIX, 10));
        Decoded next = decode(crossing(namespaced, OPENING.plusSeconds(1), RESET_AT_SIX, 11));

        assertThat(next.events()).hasSize(1);
    }

    @Test
    void anUnknownPrefixIsRejectedAsUnknownDevice() {
        DeviceMessage stranger = crossing("axis/B8A44F000000/event/CameraApplicationPlatform/ObjectAnalytics/"
                + AXIS_IN, OPENING, RESET_AT_SIX, 1);

        assertThatThrownBy(() -> decoder.decode(stranger, context)).isInstanceOfSatisfying(PayloadException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE));
    }

    @Test
    void anAbsurdJumpIsRejectedButAdvancesTheCounter() throws Exception {
        decode(crossing(TOPIC, OPENING, RESET_AT_SIX, 5));
        Decoded jump = decode(crossing(TOPIC, OPENING.plusSeconds(1), RESET_AT_SIX, 5_005));
        Decoded after = decode(crossing(TOPIC, OPENING.plusSeconds(2), RESET_AT_SIX, 5_006));

        assertThat(jump.rejection()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE));
        assertThat(((FootfallEvent) after.events().get(0)).getCount()).isEqualTo(1);
    }

    @Test
    void aDeviceClockMoreThanFiveMinutesAheadIsReplacedByTheReceiveTime() throws Exception {
        decode(crossing(TOPIC, OPENING, RESET_AT_SIX, 5));
        DeviceMessage ahead = crossing(TOPIC, OPENING.plusSeconds(3600), RESET_AT_SIX, 6);
        DeviceMessage received = new DeviceMessage(ahead.topic(), ahead.payload(), OPENING.plusSeconds(60));
        FootfallEvent event = (FootfallEvent) decode(received).events().get(0);

        assertThat(event.getClockReplaced()).isTrue();
        assertThat(event.getEventTime()).isEqualTo(OPENING.plusSeconds(60));
        assertThat(event.getDeviceTime()).isEqualTo(OPENING.plusSeconds(3600));
    }

    @Test
    void stringTotalsThatAreNotNumbersAreWrongType() {
        String json = "{\"timestamp\":1763971200000,\"message\":{\"data\":{\"startTime\":\"" + RESET_AT_SIX
                + "\",\"totalHuman\":\"many\"}}}";
        DeviceMessage bad = new DeviceMessage(TOPIC, json.getBytes(StandardCharsets.UTF_8), OPENING);

        assertThatThrownBy(() -> decoder.decode(bad, context)).isInstanceOfSatisfying(PayloadException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.WRONG_TYPE));
    }
}
