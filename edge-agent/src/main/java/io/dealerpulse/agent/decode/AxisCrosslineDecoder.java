package io.dealerpulse.agent.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AXIS Object Analytics crossline counting ({@code ../shared/formats/README.md} §1): one message per
 * crossing carrying cumulative totals since the last reset ({@code startTime}). The device is the
 * topic prefix before {@code /event/}; the counting line is the scenario (last topic segment, with or
 * without the {@code tns:axis/} namespace); its direction and reception-door flag come from the
 * device list. {@code ...ScenarioANY}, {@code ...Threshold} and unmapped scenarios are ignored.
 *
 * <p>Event id: hash(site, device prefix, scenario, startTime, totalHuman) - the counter state, so a
 * redelivery maps to the same id, and it also produces no second delta (its total is not larger).
 */
public final class AxisCrosslineDecoder implements DeviceDecoder {
    public static final String FORMAT = "axis-object-analytics";
    private static final Pattern COUNTING_SCENARIO = Pattern.compile(".*Scenario\\d+");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String stream() {
        return "footfall";
    }

    @Override
    public Decoded decode(DeviceMessage message, DecodeContext context) throws PayloadException {
        String topic = message.topic();
        int eventAt = topic.indexOf("/event/");
        if (eventAt <= 0) {
            throw new PayloadException(RejectReason.UNEXPECTED_TOPIC, "topic '" + topic + "' is not"
                    + " <prefix>/event/<event topic>: check the camera's MQTT event topic prefix");
        }
        String prefix = topic.substring(0, eventAt);
        String eventTopic = topic.substring(eventAt + "/event/".length());
        int sourceAt = eventTopic.indexOf("/$source");
        if (sourceAt >= 0) {
            eventTopic = eventTopic.substring(0, sourceAt);
        }
        String scenario = eventTopic.substring(eventTopic.lastIndexOf('/') + 1);
        if (!COUNTING_SCENARIO.matcher(scenario).matches()) {
            return Decoded.ignored("not a crossline count (" + scenario + ")");
        }
        AgentConfig.Device device = context.device(prefix).orElseThrow(() -> new PayloadException(
                RejectReason.UNKNOWN_DEVICE, "AXIS device '" + prefix + "' is not in this agent's device list: add it"
                + " under devices (format " + FORMAT + ") or fix the camera's topic prefix", prefix, null));
        Optional<AgentConfig.Line> line = device.line(scenario).filter(l -> l.direction().isPresent());
        if (line.isEmpty()) {
            return Decoded.ignored("scenario " + scenario + " of " + prefix + " is not mapped to a direction");
        }
        try {
            return decodeCrossing(message, context, prefix, scenario, line.get());
        } catch (PayloadException e) {
            throw e.withDevice(prefix);
        }
    }

    private static Decoded decodeCrossing(DeviceMessage message, DecodeContext context, String prefix,
            String scenario, AgentConfig.Line line) throws PayloadException {
        JsonNode root = JsonPayload.parse(message.payload());
        Instant crossing = JsonPayload.epochMillis(root, "timestamp");
        Instant startTime = JsonPayload.instant(root, "message.data.startTime");
        long totalHuman = JsonPayload.count(root, "message.data.totalHuman", Long.MAX_VALUE / 2);

        String key = prefix + "|" + scenario;
        CumulativeCounter.Step step = CumulativeCounter.advance(context.counter(key), key, startTime, totalHuman);
        if (step.delta() > context.maxCount()) {
            return Decoded.rejectedAfter(step.state(), new PayloadException(RejectReason.OUT_OF_RANGE,
                    "totalHuman jumped by " + step.delta() + " (more than validation.max-count " + context.maxCount()
                    + ") since the last message: the broker may have dropped messages", prefix, crossing));
        }
        DeviceTimeRule.Resolved time;
        try {
            time = context.timeRule().resolve(crossing, crossing, message.receivedTime(), prefix);
        } catch (PayloadException tooOld) {
            return Decoded.rejectedAfter(step.state(), tooOld);
        }
        if (step.delta() == 0) {
            return Decoded.counterOnly(step.state(), step.baseline()
                    ? "first sight of counter " + key + ": baseline " + totalHuman
                    : "no new people on " + key + " (repeat or other object class)");
        }
        FootfallEvent event = FootfallEvent.newBuilder()
                .setEventId(EventIds.of(context.siteId(), prefix, scenario, startTime.toString(), totalHuman))
                .setSiteId(context.siteId())
                .setDeviceId(prefix)
                .setLineId(scenario)
                .setReceptionDoor(line.receptionDoor())
                .setDirection(Direction.valueOf(line.direction().orElseThrow()))
                .setCount((int) step.delta())
                .setEventTime(time.eventTime())
                .setIntervalEnd(null)
                .setReceivedTime(message.receivedTime())
                .setDeviceTime(crossing)
                .setClockReplaced(time.clockReplaced())
                .setCounterReset(step.reset())
                .setSourceFormat(CounterFormat.AXIS_OBJECT_ANALYTICS)
                .build();
        return Decoded.counted(event, step.state());
    }
}
