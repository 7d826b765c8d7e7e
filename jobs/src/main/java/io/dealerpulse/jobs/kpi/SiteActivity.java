package io.dealerpulse.jobs.kpi;

import java.util.ArrayList;
import java.util.List;

/** The events of one site a window computation needs, already de-duplicated and filtered to the counted ones. */
public final class SiteActivity {
    private final List<Entry> entries = new ArrayList<>();
    private final List<DutyEvent> dutyEvents = new ArrayList<>();
    private final List<CheckIn> checkIns = new ArrayList<>();
    private final List<Served> served = new ArrayList<>();
    private final List<AppointmentAction> appointmentActions = new ArrayList<>();

    public SiteActivity add(Entry entry) {
        entries.add(entry);
        return this;
    }

    public SiteActivity add(DutyEvent event) {
        dutyEvents.add(event);
        return this;
    }

    public SiteActivity add(CheckIn checkIn) {
        checkIns.add(checkIn);
        return this;
    }

    public SiteActivity add(Served event) {
        served.add(event);
        return this;
    }

    public SiteActivity add(AppointmentAction action) {
        appointmentActions.add(action);
        return this;
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<DutyEvent> dutyEvents() {
        return dutyEvents;
    }

    public List<CheckIn> checkIns() {
        return checkIns;
    }

    public List<Served> served() {
        return served;
    }

    public List<AppointmentAction> appointmentActions() {
        return appointmentActions;
    }

    /** The number of records held. */
    public int size() {
        return entries.size() + dutyEvents.size() + checkIns.size() + served.size() + appointmentActions.size();
    }
}
