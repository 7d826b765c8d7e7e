package io.dealerpulse.jobs.oracle;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import org.apache.avro.specific.SpecificRecord;

/** The six input streams, named as in the {@code stream} tag of {@code stream_accounting}. */
public enum InputStream {
    FOOTFALL("footfall", FootfallEvent.class, true),
    KIOSK("kiosk", KioskEvent.class, true),
    APPOINTMENT("appointment", AppointmentEvent.class, false),
    SURVEY("survey", SurveyResponse.class, false),
    REGISTRY("registry", SiteRegistryVersion.class, false),
    AGENT_STATUS("agent-status", AgentStatus.class, true);

    private final String tag;
    private final Class<? extends SpecificRecord> recordClass;
    private final boolean agentStream;

    InputStream(String tag, Class<? extends SpecificRecord> recordClass, boolean agentStream) {
        this.tag = tag;
        this.recordClass = recordClass;
        this.agentStream = agentStream;
    }

    /** Value of the {@code stream} tag and of {@code DeadLetter.stream}. */
    public String tag() {
        return tag;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    /** Agent streams move the site clock and can be late; the importers' streams never are. */
    public boolean agentStream() {
        return agentStream;
    }

    public static InputStream of(SpecificRecord record) {
        for (InputStream stream : values()) {
            if (stream.recordClass.isInstance(record)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("not a DealerPulse input record: " + record.getClass().getName());
    }
}
