package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * The common envelope the six input streams are mapped to, so they can be unioned and keyed by site
 * into one function. Exactly one payload field is set. A Flink POJO whose payloads are Avro specific
 * records (serialized by flink-avro's AvroSerializer, never Kryo).
 *
 * <p>{@code siteId} is the key: the record's site, or {@link #UNKNOWN_SITE_KEY} for a dead letter
 * that names no site.
 */
public class SiteInput {
    public static final String UNKNOWN_SITE_KEY = "_unknown";

    static {
        TrustedAvroClasses.register();
    }

    private String siteId;
    private SourceStream stream;
    private FootfallEvent footfall;
    private KioskEvent kiosk;
    private AppointmentEvent appointment;
    private SurveyResponse survey;
    private SiteRegistryVersion registry;
    private AgentStatus agentStatus;
    private DeadLetter deadLetter;

    /** For Flink's POJO serializer. */
    public SiteInput() {}

    private SiteInput(String siteId, SourceStream stream) {
        this.siteId = siteId;
        this.stream = stream;
    }

    public static SiteInput of(FootfallEvent event) {
        SiteInput input = new SiteInput(event.getSiteId(), SourceStream.FOOTFALL);
        input.footfall = event;
        return input;
    }

    public static SiteInput of(KioskEvent event) {
        SiteInput input = new SiteInput(event.getSiteId(), SourceStream.KIOSK);
        input.kiosk = event;
        return input;
    }

    public static SiteInput of(AppointmentEvent event) {
        SiteInput input = new SiteInput(event.getSiteId(), SourceStream.APPOINTMENT);
        input.appointment = event;
        return input;
    }

    public static SiteInput of(SurveyResponse event) {
        SiteInput input = new SiteInput(event.getSiteId(), SourceStream.SURVEY);
        input.survey = event;
        return input;
    }

    public static SiteInput of(SiteRegistryVersion event) {
        SiteInput input = new SiteInput(event.getSiteId(), SourceStream.REGISTRY);
        input.registry = event;
        return input;
    }

    public static SiteInput of(AgentStatus event) {
        SiteInput input = new SiteInput(event.getSiteId(), SourceStream.AGENT_STATUS);
        input.agentStatus = event;
        return input;
    }

    /** A record of {@code stream} that could not be decoded: counted, never aggregated. */
    public static SiteInput deadLettered(SourceStream stream, DeadLetter deadLetter) {
        String site = deadLetter.getSiteId() == null || deadLetter.getSiteId().isBlank()
                ? UNKNOWN_SITE_KEY : deadLetter.getSiteId();
        SiteInput input = new SiteInput(site, stream);
        input.deadLetter = deadLetter;
        return input;
    }

    /** The Avro record carried (the dead letter for a dead-lettered input). */
    public SpecificRecord record() {
        if (deadLetter != null) {
            return deadLetter;
        }
        return switch (stream) {
            case FOOTFALL -> footfall;
            case KIOSK -> kiosk;
            case APPOINTMENT -> appointment;
            case SURVEY -> survey;
            case REGISTRY -> registry;
            case AGENT_STATUS -> agentStatus;
        };
    }

    public boolean carriesDeadLetter() {
        return deadLetter != null;
    }

    public String eventId() {
        return (String) record().get(record().getSchema().getField("event_id").pos());
    }

    public String deviceId() {
        return (String) record().get(record().getSchema().getField("device_id").pos());
    }

    /** The stream's event time (DESIGN.md "Time and correctness model"); null only for some dead letters. */
    public Instant eventTime() {
        return (Instant) record().get(record().getSchema().getField("event_time").pos());
    }

    public Instant receivedTime() {
        return (Instant) record().get(record().getSchema().getField("received_time").pos());
    }

    public String getSiteId() {
        return siteId;
    }

    public void setSiteId(String siteId) {
        this.siteId = siteId;
    }

    public SourceStream getStream() {
        return stream;
    }

    public void setStream(SourceStream stream) {
        this.stream = stream;
    }

    public FootfallEvent getFootfall() {
        return footfall;
    }

    public void setFootfall(FootfallEvent footfall) {
        this.footfall = footfall;
    }

    public KioskEvent getKiosk() {
        return kiosk;
    }

    public void setKiosk(KioskEvent kiosk) {
        this.kiosk = kiosk;
    }

    public AppointmentEvent getAppointment() {
        return appointment;
    }

    public void setAppointment(AppointmentEvent appointment) {
        this.appointment = appointment;
    }

    public SurveyResponse getSurvey() {
        return survey;
    }

    public void setSurvey(SurveyResponse survey) {
        this.survey = survey;
    }

    public SiteRegistryVersion getRegistry() {
        return registry;
    }

    public void setRegistry(SiteRegistryVersion registry) {
        this.registry = registry;
    }

    public AgentStatus getAgentStatus() {
        return agentStatus;
    }

    public void setAgentStatus(AgentStatus agentStatus) {
        this.agentStatus = agentStatus;
    }

    public DeadLetter getDeadLetter() {
        return deadLetter;
    }

    public void setDeadLetter(DeadLetter deadLetter) {
        this.deadLetter = deadLetter;
    }

    @Override
    public String toString() {
        return "SiteInput{" + stream + " " + siteId + " " + record() + "}";
    }
}
