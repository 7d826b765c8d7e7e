package io.dealerpulse.importer;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.EventIds;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Dead letters of rejected rows. The source is {@code import:<file name>:<line>} and the id
 * hash(source, payload), so re-importing the same file gives the same dead-letter ids.
 */
public final class DeadLetterFactory {
    private final String fileName;
    private final StreamKind stream;
    private final String deviceId;
    private final Instant now;

    /** @param deviceId the import's source name; @param now the import run's instant */
    public DeadLetterFactory(String fileName, StreamKind stream, String deviceId, Instant now) {
        this.fileName = fileName;
        this.stream = stream;
        this.deviceId = deviceId;
        this.now = now;
    }

    public DeadLetter of(ImportPlan.Rejected rejected) {
        String source = "import:" + fileName + ":" + rejected.line();
        byte[] payload = rejected.payload().bytes();
        return DeadLetter.newBuilder()
                .setEventId(EventIds.of(source, HexFormat.of().formatHex(payload)))
                .setSiteId(rejected.siteId())
                .setDeviceId(deviceId)
                .setSource(source)
                .setStream(stream.deadLetterStream())
                .setReason(rejected.reason().name())
                .setDetail(rejected.detail())
                .setPayload(ByteBuffer.wrap(payload))
                .setPayloadRedacted(rejected.payload().redacted())
                .setReceivedTime(now)
                .setDeadLetteredTime(now)
                .build();
    }
}
