package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.SiteActivity;

/** Turns retained Avro events into the pure records the window arithmetic works on. */
final class ActivityRecords {
    private ActivityRecords() {}

    /** Whether a window computation needs this event later (only these are kept in state). */
    static boolean needed(SiteInput input) {
        return switch (input.getStream()) {
            case FOOTFALL -> countsAsVisitors(input.getFootfall());
            case KIOSK -> switch (input.getKiosk().getType()) {
                case SIGN_ON, SIGN_OFF -> input.getKiosk().getAdvisorPseudonym() != null;
                case CHECK_IN, SERVED -> input.getKiosk().getVisitId() != null;
                case FEEDBACK -> false;
            };
            case APPOINTMENT -> true;
            default -> false;
        };
    }

    /** Whether the event can change a window that already closed even when it is not late. */
    static boolean canChangeClosedWindows(SiteInput input) {
        return switch (input.getStream()) {
            // a SERVED completes the waiting of an earlier check-in; a CHECK_IN with a reference may
            // be the arrival of an appointment due earlier today
            case KIOSK -> switch (input.getKiosk().getType()) {
                case SERVED -> true;
                case CHECK_IN -> input.getKiosk().getAppointmentRefPseudonym() != null;
                default -> false;
            };
            case APPOINTMENT -> true;
            default -> false;
        };
    }

    static void addTo(SiteActivity activity, SiteInput input) {
        switch (input.getStream()) {
            case FOOTFALL -> {
                FootfallEvent e = input.getFootfall();
                if (countsAsVisitors(e)) {
                    activity.add(new Entry(e.getEventTime(), e.getCount()));
                }
            }
            case KIOSK -> addKiosk(activity, input.getKiosk());
            case APPOINTMENT -> {
                AppointmentEvent e = input.getAppointment();
                activity.add(new AppointmentAction(e.getAppointmentRefPseudonym(),
                        AppointmentAction.Kind.valueOf(e.getAction().name()), e.getScheduledTime(), e.getEventTime(),
                        e.getEventId()));
            }
            default -> { }
        }
    }

    private static void addKiosk(SiteActivity activity, KioskEvent e) {
        switch (e.getType()) {
            case SIGN_ON, SIGN_OFF -> {
                if (e.getAdvisorPseudonym() != null) {
                    activity.add(new DutyEvent(e.getAdvisorPseudonym(), e.getEventTime(),
                            e.getType() == io.dealerpulse.events.KioskEventType.SIGN_ON, e.getEventId()));
                }
            }
            case CHECK_IN -> {
                if (e.getVisitId() != null) {
                    activity.add(new CheckIn(e.getVisitId(), e.getEventTime(), e.getEventId(),
                            e.getAppointmentRefPseudonym()));
                }
            }
            case SERVED -> {
                if (e.getVisitId() != null) {
                    activity.add(new Served(e.getVisitId(), e.getEventTime()));
                }
            }
            case FEEDBACK -> { }
        }
    }

    private static boolean countsAsVisitors(FootfallEvent e) {
        return e.getReceptionDoor() && e.getDirection() == Direction.IN;
    }
}
