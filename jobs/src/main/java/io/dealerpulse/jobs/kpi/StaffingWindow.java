package io.dealerpulse.jobs.kpi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The staffing KPIs of one open quarter-hour window of a site, as of the end of its local day
 * (see docs/kpis.md). Tags come from the registry version in force at the window's start.
 */
public record StaffingWindow(
        String siteId,
        String region,
        String investorGroup,
        String country,
        Instant start,
        Instant end,
        LocalDate localDate,
        int localHour,
        int utcOffsetMinutes,
        long visitors,
        double staffOnDuty,
        double visitorsPerStaff,
        boolean ratioValid,
        boolean unstaffed,
        StaffingStatus status,
        long checkIns,
        long walkIns,
        long appointmentsDue,
        long appointmentsArrived,
        long waitingServed,
        double waitingMeanSeconds,
        double waitingP90Seconds,
        double targetMin,
        double targetMax) {}
