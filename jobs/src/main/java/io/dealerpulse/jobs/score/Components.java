package io.dealerpulse.jobs.score;

import java.util.EnumMap;
import java.util.Map;

/** The five components of one site's score as of one instant. */
public record Components(
        Component satisfaction, Component waiting, Component staffing, Component appointments, Component feedback) {

    public Component get(ComponentName name) {
        return switch (name) {
            case SATISFACTION -> satisfaction;
            case WAITING -> waiting;
            case STAFFING -> staffing;
            case APPOINTMENTS -> appointments;
            case FEEDBACK -> feedback;
        };
    }

    public Map<ComponentName, Component> asMap() {
        Map<ComponentName, Component> map = new EnumMap<>(ComponentName.class);
        for (ComponentName name : ComponentName.values()) {
            map.put(name, get(name));
        }
        return map;
    }

    public int withData() {
        int n = 0;
        for (ComponentName name : ComponentName.values()) {
            n += get(name).hasData() ? 1 : 0;
        }
        return n;
    }
}
