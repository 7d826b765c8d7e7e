package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * What one site's score is computed from: de-duplicated, applied events (the caller drops too-late
 * and duplicate ones) and the site's staffing windows of the day. The calculator filters by time
 * itself, so the evidence may hold events after the instant asked about.
 */
public final class ScoreEvidence {
    private final List<SurveyAnswer> surveys = new ArrayList<>();
    private final List<FeedbackPress> feedback = new ArrayList<>();
    private final List<CheckIn> checkIns = new ArrayList<>();
    private final List<Served> served = new ArrayList<>();
    private final List<AppointmentAction> appointmentActions = new ArrayList<>();
    private final List<StaffingWindow> windows = new ArrayList<>();

    public ScoreEvidence add(SurveyAnswer answer) {
        surveys.add(answer);
        return this;
    }

    public ScoreEvidence add(FeedbackPress press) {
        feedback.add(press);
        return this;
    }

    public ScoreEvidence add(CheckIn checkIn) {
        checkIns.add(checkIn);
        return this;
    }

    public ScoreEvidence add(Served event) {
        served.add(event);
        return this;
    }

    public ScoreEvidence add(AppointmentAction action) {
        appointmentActions.add(action);
        return this;
    }

    public ScoreEvidence add(StaffingWindow window) {
        windows.add(window);
        return this;
    }

    public ScoreEvidence addWindows(List<StaffingWindow> more) {
        windows.addAll(more);
        return this;
    }

    public List<SurveyAnswer> surveys() {
        return surveys;
    }

    public List<FeedbackPress> feedback() {
        return feedback;
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

    public List<StaffingWindow> windows() {
        return windows;
    }
}
