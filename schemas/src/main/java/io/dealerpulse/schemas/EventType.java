package io.dealerpulse.schemas;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/** Every record type that travels on DealerPulse topics, with its stream name (as in DESIGN.md). */
public enum EventType {
    FOOTFALL("footfall", FootfallEvent.class, FootfallEvent.getClassSchema()),
    KIOSK("kiosk", KioskEvent.class, KioskEvent.getClassSchema()),
    APPOINTMENT("appointment", AppointmentEvent.class, AppointmentEvent.getClassSchema()),
    SURVEY("survey", SurveyResponse.class, SurveyResponse.getClassSchema()),
    SITE_REGISTRY("registry", SiteRegistryVersion.class, SiteRegistryVersion.getClassSchema()),
    AGENT_STATUS("agent-status", AgentStatus.class, AgentStatus.getClassSchema()),
    DEAD_LETTER("dead-letter", DeadLetter.class, DeadLetter.getClassSchema());

    static {
        io.dealerpulse.schemas.serde.TrustedAvroClasses.register();
    }

    private final String streamName;
    private final Class<? extends SpecificRecordBase> recordClass;
    private final Schema schema;

    EventType(String streamName, Class<? extends SpecificRecordBase> recordClass, Schema schema) {
        this.streamName = streamName;
        this.recordClass = recordClass;
        this.schema = schema;
    }

    public String streamName() {
        return streamName;
    }

    public Class<? extends SpecificRecordBase> recordClass() {
        return recordClass;
    }

    /** The current (newest) schema, the one the generated class was built from. */
    public Schema schema() {
        return schema;
    }

    public static Optional<EventType> byFullName(String fullName) {
        return Arrays.stream(values()).filter(t -> t.schema.getFullName().equals(fullName)).findFirst();
    }

    public static EventType of(SpecificRecord record) {
        return byFullName(record.getSchema().getFullName())
                .orElseThrow(() -> new IllegalArgumentException(
                        "not a DealerPulse event type: " + record.getSchema().getFullName()));
    }
}
