package io.dealerpulse.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealerpulse.simulator.network.CounterKind;
import io.dealerpulse.simulator.network.NetworkGenerator;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.Crossing;
import io.dealerpulse.simulator.scenario.Incident;
import io.dealerpulse.simulator.scenario.KioskAction;
import io.dealerpulse.simulator.scenario.SiteDay;
import io.dealerpulse.simulator.scenario.SiteDayGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<SiteProfile> SITES = NetworkGenerator.generate(4, 11L);
    private static final SiteProfile AXIS_SITE = SITES.get(0);
    private static final SiteProfile MILESIGHT_SITE = SITES.get(1);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    private static final Instant INSTALLED = Instant.parse("2026-01-01T05:00:00Z");

    @Test
    void theSitesUnderTestHaveOneCounterOfEachMake() {
        assertThat(AXIS_SITE.counter()).isEqualTo(CounterKind.AXIS);
        assertThat(MILESIGHT_SITE.counter()).isEqualTo(CounterKind.MILESIGHT);
    }

    @Test
    void axisCountsEachDirectionCumulativelyInStringsAsTheCameraDoes() throws Exception {
        SiteDay day = SiteDayGenerator.generate(AXIS_SITE, DAY, 11L);
        AxisCamera camera = new AxisCamera(AXIS_SITE, INSTALLED);
        List<AxisCrossline> readings = camera.readings(day);
        long entering = day.crossings().stream().filter(Crossing::entering).count();
        List<AxisCrossline> in = readings.stream().filter(r -> r.scenario().equals(AxisCrossline.IN_SCENARIO)).toList();
        assertThat(in).hasSize((int) entering);
        assertThat(in).extracting(AxisCrossline::totalHuman).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, entering).boxed().toList());

        DeviceMessage message = camera.message(in.get(0));
        assertThat(message.topic()).isEqualTo("axis/" + AXIS_SITE.deviceSerial()
                + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1");
        JsonNode root = JSON.readTree(message.payload());
        assertThat(root.get("topic").asText()).isEqualTo("axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1");
        assertThat(root.get("timestamp").asLong()).isEqualTo(in.get(0).time().toEpochMilli());
        JsonNode data = root.at("/message/data");
        assertThat(data.get("totalHuman").isTextual()).isTrue();
        assertThat(data.get("totalHuman").asText()).isEqualTo("1");
        assertThat(data.get("startTime").asText()).isEqualTo(INSTALLED.toString());
    }

    @Test
    void anAxisResetRestartsTheTotalsWithANewStartTimeAndAnOfflineHourLosesMessagesNotCounts() {
        SiteDay day = SiteDayGenerator.generate(AXIS_SITE, DAY, 11L);
        Instant reset = day.openFrom().plus(Duration.ofHours(2));
        Incident offline = new Incident(Incident.Kind.COUNTER_OFFLINE, day.openFrom(), day.openFrom().plus(Duration.ofHours(1)));
        SiteDay withIncidents = new SiteDay(day.site(), day.date(), day.openFrom(), day.closedFrom(), day.crossings(),
                day.kiosk(), day.visits(), day.bookings(), day.surveys(),
                List.of(offline, new Incident(Incident.Kind.COUNTER_RESET, reset, reset.plusSeconds(1))));
        List<AxisCrossline> readings = new AxisCamera(AXIS_SITE, INSTALLED).readings(withIncidents);

        assertThat(readings).noneMatch(r -> offline.covers(r.time()));
        AxisCrossline firstAfterOffline = readings.stream()
                .filter(r -> r.scenario().equals(AxisCrossline.IN_SCENARIO) && !r.time().isBefore(offline.until()))
                .findFirst().orElseThrow();
        long enteredUpToIt = day.crossings().stream()
                .filter(c -> c.entering() && !c.time().isAfter(firstAfterOffline.time())).count();
        assertThat(firstAfterOffline.totalHuman()).isEqualTo(enteredUpToIt);
        AxisCrossline firstAfterReset = readings.stream()
                .filter(r -> r.scenario().equals(AxisCrossline.IN_SCENARIO) && !r.time().isBefore(reset))
                .findFirst().orElseThrow();
        assertThat(firstAfterReset.startTime()).isEqualTo(reset);
        assertThat(firstAfterReset.totalHuman()).isEqualTo(1);
    }

    @Test
    void aDayRenderedTwiceByTheSameCameraCountsOnce() {
        SiteDay day = SiteDayGenerator.generate(AXIS_SITE, DAY, 11L);
        AxisCamera camera = new AxisCamera(AXIS_SITE, INSTALLED);
        assertThat(camera.readings(day)).isEqualTo(camera.readings(day));
    }

    @Test
    void milesightReportsEveryIntervalWithPerIntervalCountsAndDailyTotals() throws Exception {
        SiteDay day = SiteDayGenerator.generate(MILESIGHT_SITE, DAY, 11L);
        MilesightCounter counter = new MilesightCounter(MILESIGHT_SITE, Duration.ofMinutes(5));
        List<MilesightReport> reports = counter.reports(day);
        assertThat(reports).hasSize(288);
        long entering = day.crossings().stream().filter(Crossing::entering).count();
        assertThat(reports.stream().mapToInt(MilesightReport::in).sum()).isEqualTo((int) entering);
        assertThat(reports.get(reports.size() - 1).totalIn()).isEqualTo(entering);

        MilesightReport busy = reports.stream().filter(r -> r.in() > 0).findFirst().orElseThrow();
        DeviceMessage message = counter.message(busy);
        assertThat(message.topic()).isEqualTo("dealer/" + MILESIGHT_SITE.id() + "/door/" + MILESIGHT_SITE.deviceSerial());
        JsonNode root = JSON.readTree(message.payload());
        assertThat(root.at("/device_info/device_sn").asText()).isEqualTo(MILESIGHT_SITE.deviceSerial());
        assertThat(root.at("/line_periodic_data/0/total/in").isInt()).isTrue();
        assertThat(root.at("/line_periodic_data/0/total/in").asInt()).isEqualTo(busy.in());
        assertThat(root.at("/line_periodic_data/0/line_uuid").asText()).isEqualTo(MILESIGHT_SITE.milesightLineUuid());
        assertThat(root.at("/line_total_data/0/total/in_counted").asLong()).isEqualTo(busy.totalIn());
        assertThat(java.time.OffsetDateTime.parse(root.at("/time_info/start_time").asText()).toInstant())
                .isEqualTo(busy.start());
        assertThat(root.at("/time_info/start_time").asText()).endsWith(
                MILESIGHT_SITE.zone().getRules().getOffset(busy.start()).getId());
    }

    @Test
    void milesightReportsOfAnOfflineHourAreSentWhenTheCounterIsBack() {
        SiteDay day = SiteDayGenerator.generate(MILESIGHT_SITE, DAY, 11L);
        Incident offline = new Incident(Incident.Kind.COUNTER_OFFLINE, day.openFrom(), day.openFrom().plus(Duration.ofHours(1)));
        SiteDay withOutage = new SiteDay(day.site(), day.date(), day.openFrom(), day.closedFrom(), day.crossings(),
                day.kiosk(), day.visits(), day.bookings(), day.surveys(), List.of(offline));
        List<MilesightReport> reports = new MilesightCounter(MILESIGHT_SITE, Duration.ofMinutes(5)).reports(withOutage);
        List<MilesightReport> held = reports.stream().filter(r -> offline.covers(r.end())).toList();
        assertThat(held).hasSize(12).allSatisfy(r -> assertThat(r.publishAt()).isEqualTo(offline.until()));
        assertThat(reports).filteredOn(r -> !offline.covers(r.end()))
                .allSatisfy(r -> assertThat(r.publishAt()).isEqualTo(r.end()));
    }

    @Test
    void aReportIntervalThatDoesNotDivideADayIsRefused() {
        assertThatThrownBy(() -> new MilesightCounter(MILESIGHT_SITE, Duration.ofMinutes(7)))
                .hasMessageContaining("divide a day");
    }

    @Test
    void theKioskSpeaksTheGenericKioskFormatAndSometimesSendsAnUnreadableMessage() throws Exception {
        Kiosk kiosk = new Kiosk(AXIS_SITE);
        SiteDay day = SiteDayGenerator.generate(AXIS_SITE, DAY, 11L);
        KioskAction checkIn = day.kiosk().stream().filter(k -> k.type().equals(KioskAction.CHECK_IN)
                && k.appointmentRef() != null).findFirst().orElseThrow();
        JsonNode root = JSON.readTree(kiosk.message(checkIn).payload());
        assertThat(root.get("kiosk_id").asText()).isEqualTo(AXIS_SITE.kioskId());
        assertThat(root.get("message_id").asText()).isEqualTo(checkIn.messageId());
        assertThat(root.get("type").asText()).isEqualTo("CHECK_IN");
        assertThat(root.get("visit_id").asText()).isEqualTo(checkIn.visitId());
        assertThat(root.get("appointment_ref").asText()).isEqualTo(checkIn.appointmentRef());
        assertThat(java.time.OffsetDateTime.parse(root.get("time").asText()).toInstant()).isEqualTo(checkIn.time());

        Instant when = day.openFrom().plusSeconds(600);
        SiteDay withBadPayload = new SiteDay(day.site(), day.date(), day.openFrom(), day.closedFrom(), day.crossings(),
                day.kiosk(), day.visits(), day.bookings(), day.surveys(),
                List.of(new Incident(Incident.Kind.BAD_KIOSK_PAYLOAD, when, when.plusSeconds(1))));
        List<DeviceMessage> unreadable = new ArrayList<>();
        for (DeviceMessage m : kiosk.messages(withBadPayload)) {
            try {
                JSON.readTree(m.payload());
            } catch (java.io.IOException e) {
                unreadable.add(m);
            }
        }
        assertThat(unreadable).singleElement().satisfies(m -> assertThat(m.publishAt()).isEqualTo(when));
    }
}
