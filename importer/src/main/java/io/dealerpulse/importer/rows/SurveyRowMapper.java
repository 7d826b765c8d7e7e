package io.dealerpulse.importer.rows;

import io.dealerpulse.events.SurveyChannel;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.schemas.EventIds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * A survey-tool row → {@link SurveyResponse}. Its event time is when the importer received it (the
 * import run's instant, DESIGN.md "Time and correctness model"): an answer counts in KPIs from the
 * moment it reached us, so an old answer arriving today does not rewrite yesterday's scores. A
 * back-fill of history sets the {@code received_at} column to when the answer originally arrived;
 * then event time is that instant and received time stays the run's instant. The id is
 * hash(source, response id).
 */
public final class SurveyRowMapper implements RowMapper {
    public static final String RESPONSE_ID = "response_id";
    public static final String SITE_ID = "site_id";
    public static final String CHANNEL = "channel";
    public static final String NPS = "nps";
    public static final String SATISFACTION = "satisfaction";
    public static final String VISIT_DATE = "visit_date";
    public static final String RECEIVED_AT = "received_at";
    public static final List<String> COLUMNS = List.of(RESPONSE_ID, SITE_ID, CHANNEL, NPS, SATISFACTION, VISIT_DATE,
            RECEIVED_AT);

    /** The furthest-ahead UTC offset: a visit date after the receive date there is in everyone's future. */
    private static final ZoneOffset LATEST_OFFSET = ZoneOffset.ofHours(14);

    private final String source;
    private final SiteDirectory sites;
    private final Instant receivedAt;

    /** @param sites the sites of --registry, or null when none was given */
    public SurveyRowMapper(String source, SiteDirectory sites, Instant receivedAt) {
        this.source = source;
        this.sites = sites;
        this.receivedAt = receivedAt;
    }

    @Override
    public MappedRow map(SourceRow row) throws RowRejection {
        String responseId = Values.required(row, RESPONSE_ID);
        String siteId = Values.required(row, SITE_ID);
        ZoneId zone = sites == null ? null : sites.require(siteId);
        SurveyChannel channel = channel(Values.required(row, CHANNEL));
        Integer nps = Values.optionalInt(row, NPS, 0, 10);
        Integer satisfaction = Values.optionalInt(row, SATISFACTION, 1, 5);
        if (nps == null && satisfaction == null) {
            throw new RowRejection(RejectReason.MISSING_FIELD, "columns '" + NPS + "' and '" + SATISFACTION
                    + "' are both empty: an answer needs at least one score");
        }
        LocalDate visitDate = Values.date(Values.required(row, VISIT_DATE), "column '" + VISIT_DATE + "'");
        String receivedText = Values.optional(row, RECEIVED_AT);
        Instant eventTime = receivedText == null ? receivedAt : DateTimes.instant(receivedText, RECEIVED_AT, zone, false);
        LocalDate receivedDate = LocalDate.ofInstant(eventTime, zone == null ? LATEST_OFFSET : zone);
        if (visitDate.isAfter(receivedDate)) {
            throw new RowRejection(RejectReason.OUT_OF_RANGE, "visit date " + visitDate + " is after the answer was"
                    + " received (" + receivedDate + "): check the visit date");
        }
        SurveyResponse response = SurveyResponse.newBuilder()
                .setEventId(EventIds.of(source, responseId))
                .setSiteId(siteId)
                .setDeviceId(source)
                .setResponseId(responseId)
                .setChannel(channel)
                .setNpsScore(nps)
                .setSatisfactionScore(satisfaction)
                .setVisitDate(visitDate)
                .setEventTime(eventTime)
                .setReceivedTime(receivedAt)
                .build();
        return new MappedRow(response, siteId, response.getEventId());
    }

    /** PHONE, EMAIL, KIOSK, MYSTERY_VISIT; case, spaces and dashes are forgiven (e-mail, Mystery visit). */
    private static SurveyChannel channel(String text) throws RowRejection {
        String normalised = text.toUpperCase(Locale.ROOT).replace(' ', '_').replace("E-MAIL", "EMAIL").replace('-', '_');
        try {
            return SurveyChannel.valueOf(normalised);
        } catch (IllegalArgumentException e) {
            throw new RowRejection(RejectReason.UNKNOWN_CHANNEL, "column '" + CHANNEL + "' must be PHONE, EMAIL, KIOSK"
                    + " or MYSTERY_VISIT, got '" + text + "'");
        }
    }
}
