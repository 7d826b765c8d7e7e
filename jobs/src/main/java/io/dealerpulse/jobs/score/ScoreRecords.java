package io.dealerpulse.jobs.score;

import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.pipeline.SiteInput;
import java.time.Duration;
import java.time.Instant;

/**
 * Which accepted inputs a site's score needs and for how long, and their pure records. Window inputs
 * (reception entries, duty, check-ins, served, appointments) feed today's staffing windows, waiting
 * and appointments; surveys the 30-day satisfaction; feedback presses the 7-day feedback.
 */
final class ScoreRecords {
    private ScoreRecords() {}

    static boolean needed(SiteInput input) {
        return switch (input.getStream()) {
            case FOOTFALL -> countsAsVisitors(input.getFootfall());
            case KIOSK -> switch (input.getKiosk().getType()) {
                case SIGN_ON, SIGN_OFF -> input.getKiosk().getAdvisorPseudonym() != null;
                case CHECK_IN, SERVED -> input.getKiosk().getVisitId() != null;
                case FEEDBACK -> input.getKiosk().getFeedbackScore() != null;
            };
            case APPOINTMENT, SURVEY -> true;
            default -> false;
        };
    }

    /**
     * The instant after which the input no longer changes any score that can still be corrected:
     * its own time (a survey: its visit date's end, generously) plus the days it counts for, plus
     * the allowed lateness.
     */
    static Instant keepUntil(SiteInput input, Duration allowedLateness) {
        Duration counted = switch (input.getStream()) {
            case SURVEY -> Duration.ofDays(ScoreOptions.SATISFACTION_DAYS + 2);
            case KIOSK -> input.getKiosk().getType() == KioskEventType.FEEDBACK
                    ? Duration.ofDays(ScoreOptions.FEEDBACK_DAYS + 2) : Duration.ofDays(2);
            default -> Duration.ofDays(2);
        };
        Instant from = switch (input.getStream()) {
            case SURVEY -> latest(input.eventTime(),
                    input.getSurvey().getVisitDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            case APPOINTMENT -> latest(input.eventTime(), input.getAppointment().getScheduledTime());
            default -> input.eventTime();
        };
        return from.plus(counted).plus(allowedLateness);
    }

    /** Where an input's records go: the score's evidence lists, or an incremental index of them. */
    interface Sink {
        void add(Entry entry);

        void add(DutyEvent event);

        void add(CheckIn checkIn);

        void add(Served served);

        void add(AppointmentAction action);

        void add(SurveyAnswer answer);

        void add(FeedbackPress press);
    }

    static void addTo(Sink sink, SiteInput input) {
        switch (input.getStream()) {
            case FOOTFALL -> {
                FootfallEvent e = input.getFootfall();
                if (countsAsVisitors(e)) {
                    sink.add(new Entry(e.getEventTime(), e.getCount()));
                }
            }
            case KIOSK -> addKiosk(sink, input.getKiosk());
            case APPOINTMENT -> {
                AppointmentEvent e = input.getAppointment();
                sink.add(new AppointmentAction(e.getAppointmentRefPseudonym(),
                        AppointmentAction.Kind.valueOf(e.getAction().name()), e.getScheduledTime(), e.getEventTime(),
                        e.getEventId()));
            }
            case SURVEY -> {
                SurveyResponse s = input.getSurvey();
                sink.add(new SurveyAnswer(s.getVisitDate(), s.getNpsScore(), s.getEventTime()));
            }
            default -> { }
        }
    }

    private static void addKiosk(Sink sink, KioskEvent e) {
        switch (e.getType()) {
            case SIGN_ON, SIGN_OFF -> {
                if (e.getAdvisorPseudonym() != null) {
                    sink.add(new DutyEvent(e.getAdvisorPseudonym(), e.getEventTime(),
                            e.getType() == KioskEventType.SIGN_ON, e.getEventId()));
                }
            }
            case CHECK_IN -> {
                if (e.getVisitId() != null) {
                    sink.add(new CheckIn(e.getVisitId(), e.getEventTime(), e.getEventId(),
                            e.getAppointmentRefPseudonym()));
                }
            }
            case SERVED -> {
                if (e.getVisitId() != null) {
                    sink.add(new Served(e.getVisitId(), e.getEventTime()));
                }
            }
            case FEEDBACK -> {
                if (e.getFeedbackScore() != null) {
                    sink.add(new FeedbackPress(e.getEventTime(), e.getFeedbackScore()));
                }
            }
        }
    }

    private static boolean countsAsVisitors(FootfallEvent e) {
        return e.getReceptionDoor() && e.getDirection() == Direction.IN;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
