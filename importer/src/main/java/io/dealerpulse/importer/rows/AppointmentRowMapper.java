package io.dealerpulse.importer.rows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A booking-system row → {@link AppointmentEvent}. The appointment reference is pseudonymised with
 * the network key here, before anything leaves the tool, and never appears in a rejection detail or
 * a dead letter. The id is hash(source, pseudonymised reference, action, action time): the row's own
 * keys, so a re-import yields the same ids.
 */
public final class AppointmentRowMapper implements RowMapper {
    public static final String SITE_ID = "site_id";
    public static final String APPOINTMENT_REF = "appointment_ref";
    public static final String ACTION = "action";
    public static final String SCHEDULED_TIME = "scheduled_time";
    public static final String ACTION_TIME = "action_time";
    public static final List<String> COLUMNS = List.of(SITE_ID, APPOINTMENT_REF, ACTION, SCHEDULED_TIME, ACTION_TIME);
    /** What replaces the reference in a dead letter's payload. */
    public static final String REDACTED = "<redacted>";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Pseudonyms networkPseudonyms;
    private final SiteDirectory sites;
    private final Instant receivedAt;

    /** @param sites the sites of --registry, or null when none was given (no site check, no local times) */
    public AppointmentRowMapper(String source, Pseudonyms networkPseudonyms, SiteDirectory sites, Instant receivedAt) {
        this.source = source;
        this.networkPseudonyms = networkPseudonyms;
        this.sites = sites;
        this.receivedAt = receivedAt;
    }

    @Override
    public MappedRow map(SourceRow row) throws RowRejection {
        String siteId = Values.required(row, SITE_ID);
        String reference = Values.required(row, APPOINTMENT_REF);
        String actionText = Values.required(row, ACTION);
        String scheduledText = Values.required(row, SCHEDULED_TIME);
        String actionTimeText = Values.required(row, ACTION_TIME);
        ZoneId zone = sites == null ? null : sites.require(siteId);
        AppointmentAction action = action(actionText);
        Instant scheduled = DateTimes.instant(scheduledText, SCHEDULED_TIME, zone, false);
        Instant actionTime = DateTimes.instant(actionTimeText, ACTION_TIME, zone, false);

        String pseudonym = networkPseudonyms.of(reference);
        AppointmentEvent event = AppointmentEvent.newBuilder()
                .setEventId(EventIds.of(source, pseudonym, action.name(), actionTime.toEpochMilli()))
                .setSiteId(siteId)
                .setDeviceId(source)
                .setAppointmentRefPseudonym(pseudonym)
                .setAction(action)
                .setScheduledTime(scheduled)
                .setEventTime(actionTime)
                .setReceivedTime(receivedAt)
                .build();
        return new MappedRow(event, siteId, event.getEventId());
    }

    private static AppointmentAction action(String text) throws RowRejection {
        try {
            return AppointmentAction.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RowRejection(RejectReason.UNKNOWN_ACTION, "column '" + ACTION + "' must be BOOKED, RESCHEDULED"
                    + " or CANCELLED, got '" + text + "'");
        }
    }

    /**
     * The row as a JSON object with the reference replaced, whatever the file format: the clear
     * reference must not reach the dead-letter topic. A row that could not be split is withheld
     * entirely (we cannot tell where its reference is); the file and line in the source locate it.
     */
    @Override
    public DeadLetterPayload deadLetterPayload(SourceRow row) {
        if (row.isMalformed()) {
            return new DeadLetterPayload(new byte[0], true);
        }
        Map<String, String> redacted = new LinkedHashMap<>(row.fields());
        redacted.computeIfPresent(APPOINTMENT_REF, (column, value) -> REDACTED);
        try {
            return new DeadLetterPayload(JSON.writeValueAsString(redacted).getBytes(StandardCharsets.UTF_8), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises to JSON", e);
        }
    }
}
