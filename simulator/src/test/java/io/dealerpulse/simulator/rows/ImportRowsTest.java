package io.dealerpulse.simulator.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.importer.rows.AppointmentRowMapper;
import io.dealerpulse.importer.rows.RegistryRowMapper;
import io.dealerpulse.importer.rows.SiteDirectory;
import io.dealerpulse.importer.rows.SurveyRowMapper;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.simulator.network.NetworkGenerator;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.BookingAction;
import io.dealerpulse.simulator.scenario.SiteDay;
import io.dealerpulse.simulator.scenario.SiteDayGenerator;
import io.dealerpulse.simulator.scenario.SurveyAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows go through the importer's real mappers: what the simulator writes is what a network would export. */
class ImportRowsTest {
    private static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    private static final List<SiteProfile> SITES = NetworkGenerator.generate(6, 3L);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);

    @Test
    void everySitesRegistryRowIsAcceptedWithItsZoneHoursAndBand() throws Exception {
        RegistryRowMapper mapper = new RegistryRowMapper("simulated-registry", NOW);
        for (SiteProfile site : SITES) {
            SiteRegistryVersion version = (SiteRegistryVersion) mapper.map(ImportRows.registry(2, site, DAY)).record();
            assertThat(version.getSiteId()).isEqualTo(site.id());
            assertThat(version.getTimeZone()).isEqualTo(site.zone().getId());
            assertThat(version.getRegion()).isEqualTo(site.region().name());
            assertThat(version.getInvestorGroup()).isEqualTo(site.investorGroup());
            assertThat(version.getTargetMin()).isEqualTo(site.targetMin());
            assertThat(version.getEffectiveFrom()).isEqualTo(DAY.atStartOfDay(site.zone()).toInstant());
            assertThat(version.getWeeklyHours()).extracting(OpeningInterval::getOpenMinute)
                    .contains(site.hours().on(DAY.getDayOfWeek()).get(0).open().toSecondOfDay() / 60);
        }
    }

    @Test
    void appointmentAndSurveyRowsAreAcceptedAndReferencesPseudonymised() throws Exception {
        SiteProfile site = SITES.get(0);
        SiteDirectory directory = SiteDirectory.of(List.of((SiteRegistryVersion) new RegistryRowMapper("r", NOW)
                .map(ImportRows.registry(2, site, DAY.minusDays(30))).record()));
        byte[] key = "network-key-0123456789".getBytes(StandardCharsets.UTF_8);
        AppointmentRowMapper appointments = new AppointmentRowMapper("booking", new Pseudonyms(key), directory, NOW);
        SurveyRowMapper surveys = new SurveyRowMapper("survey", directory, NOW);
        SiteDay day = SiteDayGenerator.generate(site, DAY, 3L);
        for (BookingAction action : day.bookings()) {
            AppointmentEvent event = (AppointmentEvent) appointments.map(ImportRows.appointment(2, site, action)).record();
            assertThat(event.getScheduledTime()).isEqualTo(action.scheduledTime());
            assertThat(event.getEventTime()).isEqualTo(action.actionTime());
            assertThat(event.getAppointmentRefPseudonym()).isEqualTo(new Pseudonyms(key).of(action.appointmentRef()));
        }
        assertThat(day.surveys()).isNotEmpty();
        for (SurveyAnswer answer : day.surveys()) {
            SurveyResponse backFilled = (SurveyResponse) surveys.map(ImportRows.survey(2, site, answer, true)).record();
            assertThat(backFilled.getEventTime()).isEqualTo(answer.receivedAt());
            assertThat(backFilled.getNpsScore()).isEqualTo(answer.nps());
            SurveyResponse live = (SurveyResponse) surveys.map(ImportRows.survey(2, site, answer, false)).record();
            assertThat(live.getEventTime()).isEqualTo(NOW);
        }
    }
}
