package io.dealerpulse.simulator.scenario;

import io.dealerpulse.simulator.network.SiteProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One local day of one site, everything the simulator decided for it, in time order per list:
 * the door crossings, the kiosk events, the booking-system actions for appointments <em>scheduled</em>
 * that day (their action times are often days earlier), the survey answers about that day's visits
 * (received days later), and the incidents. Devices, agents' history and import rows are all rendered
 * from this one value.
 *
 * @param openFrom start of the first opening interval (null on a closed day)
 * @param closedFrom end of the last opening interval (null on a closed day)
 */
public record SiteDay(
        SiteProfile site,
        LocalDate date,
        Instant openFrom,
        Instant closedFrom,
        List<Crossing> crossings,
        List<KioskAction> kiosk,
        List<Visit> visits,
        List<BookingAction> bookings,
        List<SurveyAnswer> surveys,
        List<Incident> incidents) {

    public boolean open() {
        return openFrom != null;
    }

    public boolean has(Incident.Kind kind) {
        return incidents.stream().anyMatch(i -> i.kind() == kind);
    }
}
