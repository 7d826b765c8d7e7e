package io.dealerpulse.simulator.device;

import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.Incident;
import io.dealerpulse.simulator.scenario.KioskAction;
import io.dealerpulse.simulator.scenario.SiteDay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reception kiosk, speaking the edge agent's generic kiosk format (docs/edge-agent.md). */
public final class Kiosk {
    private final SiteProfile site;

    public Kiosk(SiteProfile site) {
        this.site = site;
    }

    public String topic() {
        return "dealerpulse/kiosk/" + site.kioskId();
    }

    /** A day's kiosk messages in time order, including the incident of an unreadable message. */
    public List<DeviceMessage> messages(SiteDay day) {
        List<DeviceMessage> messages = new ArrayList<>();
        for (KioskAction action : day.kiosk()) {
            messages.add(message(action));
        }
        for (Incident incident : day.incidents()) {
            if (incident.kind() == Incident.Kind.BAD_KIOSK_PAYLOAD) {
                // A kiosk that lost power mid-write: the JSON document is cut off.
                String cut = "{\"site_id\":\"" + site.id() + "\",\"kiosk_id\":\"" + site.kioskId()
                        + "\",\"message_id\":\"BAD-" + day.date() + "\",\"type\":\"CHE";
                messages.add(new DeviceMessage(incident.from(), site.id(), topic(),
                        cut.getBytes(StandardCharsets.UTF_8)));
            }
        }
        messages.sort(java.util.Comparator.comparing(DeviceMessage::publishAt));
        return messages;
    }

    public DeviceMessage message(KioskAction action) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("site_id", site.id());
        root.put("kiosk_id", site.kioskId());
        root.put("message_id", action.messageId());
        root.put("type", action.type());
        root.put("time", Json.local(action.time(), site.zone()));
        if (action.visitId() != null) {
            root.put("visit_id", action.visitId());
        }
        if (action.appointmentRef() != null) {
            root.put("appointment_ref", action.appointmentRef());
        }
        if (action.badgeId() != null) {
            root.put("badge_id", action.badgeId());
        }
        if (action.feedback() != null) {
            root.put("feedback", action.feedback());
        }
        return new DeviceMessage(action.time(), site.id(), topic(), Json.bytes(root));
    }
}
