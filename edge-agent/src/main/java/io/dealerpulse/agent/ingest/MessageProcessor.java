package io.dealerpulse.agent.ingest;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.decode.CounterState;
import io.dealerpulse.agent.decode.DecodeContext;
import io.dealerpulse.agent.decode.Decoded;
import io.dealerpulse.agent.decode.DecoderRegistry;
import io.dealerpulse.agent.decode.DeviceDecoder;
import io.dealerpulse.agent.decode.DeviceMessage;
import io.dealerpulse.agent.decode.DeviceTimeRule;
import io.dealerpulse.agent.decode.PayloadException;
import io.dealerpulse.agent.decode.RejectReason;
import io.dealerpulse.agent.outbox.Outbox;
import io.dealerpulse.agent.outbox.OutboxEntry;
import io.dealerpulse.agent.privacy.Pseudonyms;
import io.dealerpulse.agent.quarantine.Quarantine;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.EventType;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a batch of device messages into outbox entries: events to their topics, rejected messages
 * to the dead-letter topic (redacted where the format says so, raw copy to the quarantine), and the
 * counter states they leave behind. Counter reads see the batch's own earlier updates, so two
 * crossings of one counter in one batch give two deltas.
 */
public final class MessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

    private final AgentConfig config;
    private final DecoderRegistry decoders;
    private final Outbox outbox;
    private final Quarantine quarantine;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final AvroCodec codec = AvroCodec.released();
    private final DeviceTimeRule timeRule;

    public MessageProcessor(AgentConfig config, DecoderRegistry decoders, Outbox outbox, Quarantine quarantine,
            Pseudonyms pseudonyms, Clock clock) {
        this.config = config;
        this.decoders = decoders;
        this.outbox = outbox;
        this.quarantine = quarantine;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.timeRule = new DeviceTimeRule(config.validation().maxClockAhead(), config.validation().maxEventAge());
    }

    BatchResult process(List<ReceivedMessage> batch) {
        BatchResult result = new BatchResult();
        BatchContext context = new BatchContext(result);
        for (ReceivedMessage received : batch) {
            if (received.format() == null) {
                result.ignored++;
                continue;
            }
            DeviceDecoder decoder = decoders.get(received.format());
            Decoded decoded;
            try {
                decoded = decoder.decode(received.message(), context);
            } catch (PayloadException e) {
                decoded = Decoded.rejected(e);
            } catch (RuntimeException e) {
                LOG.error("The {} decoder failed on a message from {}: the message goes to the dead-letter topic."
                        + " Please report this with the agent's log.", decoder.format(), received.message().topic(), e);
                decoded = Decoded.rejected(new PayloadException(RejectReason.DECODER_FAILURE,
                        "decoder " + decoder.format() + " failed: " + e));
            }
            for (CounterState state : decoded.counterUpdates()) {
                result.counters.put(state.key(), state);
            }
            for (SpecificRecord event : decoded.events()) {
                result.entries.add(entry(EventType.of(event), eventId(event), codec.encode(event),
                        received.message().receivedTime()));
                result.events++;
            }
            decoded.rejection().ifPresent(problem -> deadLetter(result, decoder, received.message(), problem));
            if (decoded.events().isEmpty() && decoded.rejection().isEmpty()) {
                result.ignored++;
            }
        }
        return result;
    }

    private void deadLetter(BatchResult result, DeviceDecoder decoder, DeviceMessage message,
            PayloadException problem) {
        String source = "mqtt:" + message.topic();
        DeviceDecoder.Redacted upstream = decoder.redactForUpstream(message.payload());
        // A redacted payload's id must not be a plain hash of personal data: key it with the site key.
        String payloadDigest = upstream.redacted()
                ? pseudonyms.siteDigest(Base64.getEncoder().encodeToString(message.payload()))
                : Base64.getEncoder().encodeToString(message.payload());
        String id = EventIds.of(source, payloadDigest);
        if (upstream.redacted()) {
            result.quarantineEvictions += quarantine.keep(id, message.payload());
        }
        Instant now = clock.instant();
        DeadLetter letter = DeadLetter.newBuilder()
                .setEventId(id)
                .setSiteId(config.siteId())
                .setDeviceId(problem.deviceId().orElse(null))
                .setSource(source)
                .setStream(decoder.stream())
                .setReason(problem.reason().name())
                .setDetail(problem.getMessage())
                .setPayload(ByteBuffer.wrap(upstream.payload()))
                .setPayloadRedacted(upstream.redacted())
                .setEventTime(problem.eventTime().orElse(null))
                .setReceivedTime(message.receivedTime())
                .setDeadLetteredTime(now)
                .build();
        result.entries.add(entry(EventType.DEAD_LETTER, id, codec.encode(letter), message.receivedTime()));
        result.rejectReasons.add(problem.reason().name());
        LOG.warn("Rejected a {} message from {} ({}): {}", decoder.stream(), message.topic(), problem.reason(),
                problem.getMessage());
    }

    private OutboxEntry entry(EventType type, String eventId, byte[] value, Instant receivedTime) {
        return new OutboxEntry(topicOf(type), config.siteId(), eventId, value, receivedTime);
    }

    String topicOf(EventType type) {
        AgentConfig.Topics topics = config.kafka().topics();
        return switch (type) {
            case FOOTFALL -> topics.footfall();
            case KIOSK -> topics.kiosk();
            case DEAD_LETTER -> topics.deadLetter();
            case AGENT_STATUS -> topics.agentStatus();
            default -> throw new IllegalArgumentException("the agent does not publish " + type);
        };
    }

    private static String eventId(SpecificRecord event) {
        return String.valueOf(event.get(event.getSchema().getField("event_id").pos()));
    }

    /** The decode context of one batch: counter reads see the batch's pending updates first. */
    private final class BatchContext implements DecodeContext {
        private final BatchResult result;

        BatchContext(BatchResult result) {
            this.result = result;
        }

        @Override
        public String siteId() {
            return config.siteId();
        }

        @Override
        public Optional<AgentConfig.Device> device(String deviceId) {
            return config.device(deviceId);
        }

        @Override
        public DeviceTimeRule timeRule() {
            return timeRule;
        }

        @Override
        public int maxCount() {
            return config.validation().maxCount();
        }

        @Override
        public Pseudonyms pseudonyms() {
            return pseudonyms;
        }

        @Override
        public Optional<CounterState> counter(String key) {
            CounterState pending = result.counters.get(key);
            return pending != null ? Optional.of(pending) : outbox.counter(key);
        }
    }
}
