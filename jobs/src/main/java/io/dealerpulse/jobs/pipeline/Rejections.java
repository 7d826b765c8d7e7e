package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/** Dead letters the KPI operator produces itself; the payload is the event's Avro single-object encoding. */
final class Rejections {
    static final String SOURCE = "job:" + KpiPipeline.SITE_KPI_UID;
    private static final AvroCodec CODEC = AvroCodec.released();

    private Rejections() {}

    /** Dead-lettered at the site clock that judged it too late: a replay of the site's input gives the same record. */
    static DeadLetter tooLate(SiteInput input, Instant appliesAt, Instant siteClock, Duration allowedLateness) {
        return deadLetter(input, "TOO_LATE", "the event applies at " + appliesAt + ", before site clock " + siteClock
                + " minus the allowed lateness " + allowedLateness + ": its window is final. Reprocess the range "
                + "with a larger allowed lateness if it must count.", siteClock);
    }

    /**
     * Dead-lettered at the event's received time plus the hold (its event time when it has no received
     * time), not at the processing time the hold expired: a replay gives the same record.
     */
    static DeadLetter unknownSite(SiteInput input, Duration hold) {
        Instant received = input.receivedTime() != null ? input.receivedTime() : input.eventTime();
        return deadLetter(input, "UNKNOWN_SITE", "no registry version for site '" + input.getSiteId()
                + "' arrived within " + hold + " of this event; publish the site's registry entry, then replay the "
                + "event from this topic.", received.plus(hold));
    }

    private static DeadLetter deadLetter(SiteInput input, String reason, String detail, Instant now) {
        return DeadLetter.newBuilder()
                .setEventId(input.eventId())
                .setSiteId(input.getSiteId())
                .setDeviceId(input.deviceId())
                .setSource(SOURCE)
                .setStream(input.getStream().code())
                .setReason(reason)
                .setDetail(detail)
                .setPayload(ByteBuffer.wrap(CODEC.encode(input.record())))
                .setPayloadRedacted(false)
                .setEventTime(input.eventTime())
                .setReceivedTime(input.receivedTime())
                .setDeadLetteredTime(now)
                .build();
    }
}
