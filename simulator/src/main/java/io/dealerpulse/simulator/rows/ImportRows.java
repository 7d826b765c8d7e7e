package io.dealerpulse.simulator.rows;

import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.importer.rows.AppointmentRowMapper;
import io.dealerpulse.importer.rows.RegistryRowMapper;
import io.dealerpulse.importer.rows.SurveyRowMapper;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.BookingAction;
import io.dealerpulse.simulator.scenario.SurveyAnswer;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated network's business data as the rows of the files a real network exports (registry,
 * booking system, survey tool), column for column as docs/importers.md lists them. They go through
 * the importer's own validation and mapping, so the demo exercises the same path as a real import.
 * Line numbers are a running count, as in one exported file.
 */
public final class ImportRows {
    private ImportRows() {}

    public static SourceRow registry(int line, SiteProfile site, LocalDate effectiveFrom) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(RegistryRowMapper.SITE_ID, site.id());
        row.put(RegistryRowMapper.NAME, site.name());
        row.put(RegistryRowMapper.REGION, site.region().name());
        row.put(RegistryRowMapper.ZONE_MANAGER, "zm-" + site.region().name());
        row.put(RegistryRowMapper.INVESTOR_GROUP, site.investorGroup());
        row.put(RegistryRowMapper.COUNTRY, "FR");
        row.put(RegistryRowMapper.TIME_ZONE, site.zone().getId());
        row.put(RegistryRowMapper.OPENING_HOURS, site.hours().toImporterText());
        row.put(RegistryRowMapper.TARGET_MIN, format(site.targetMin()));
        row.put(RegistryRowMapper.TARGET_MAX, format(site.targetMax()));
        row.put(RegistryRowMapper.LATITUDE, format(site.latitude()));
        row.put(RegistryRowMapper.LONGITUDE, format(site.longitude()));
        row.put(RegistryRowMapper.EFFECTIVE_FROM, effectiveFrom.toString());
        return SourceRow.of(line, row, String.join(",", row.values().stream().map(v -> v == null ? "" : v).toList()));
    }

    public static SourceRow appointment(int line, SiteProfile site, BookingAction action) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(AppointmentRowMapper.SITE_ID, site.id());
        row.put(AppointmentRowMapper.APPOINTMENT_REF, action.appointmentRef());
        row.put(AppointmentRowMapper.ACTION, action.action());
        row.put(AppointmentRowMapper.SCHEDULED_TIME, action.scheduledTime().toString());
        row.put(AppointmentRowMapper.ACTION_TIME, action.actionTime().toString());
        return SourceRow.of(line, row, String.join(",", row.values()));
    }

    /** @param backFill true for history: {@code received_at} carries the original arrival time */
    public static SourceRow survey(int line, SiteProfile site, SurveyAnswer answer, boolean backFill) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(SurveyRowMapper.RESPONSE_ID, answer.responseId());
        row.put(SurveyRowMapper.SITE_ID, site.id());
        row.put(SurveyRowMapper.CHANNEL, answer.channel());
        row.put(SurveyRowMapper.NPS, Integer.toString(answer.nps()));
        row.put(SurveyRowMapper.SATISFACTION, Integer.toString(answer.satisfaction()));
        row.put(SurveyRowMapper.VISIT_DATE, answer.visitDate().toString());
        if (backFill) {
            row.put(SurveyRowMapper.RECEIVED_AT, answer.receivedAt().toString());
        }
        return SourceRow.of(line, row, String.join(",", row.values()));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
