package io.dealerpulse.simulator.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.device.SiteDevices;
import io.dealerpulse.simulator.network.NetworkGenerator;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.Crossing;
import io.dealerpulse.simulator.scenario.SiteDay;
import io.dealerpulse.simulator.scenario.SiteDayGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentHistoryTest {
    private static final List<SiteProfile> SITES = NetworkGenerator.generate(4, 11L);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    private static final Instant INSTALLED = Instant.parse("2026-01-01T05:00:00Z");
    private static final Instant AGENT_START = Instant.parse("2026-02-01T00:00:00Z");

    private static List<AgentRecord> recordsOf(SiteProfile site, SiteDay day) {
        AgentHistory history = new AgentHistory(site, new SiteDevices(site, INSTALLED), "site-key-0123456789",
                "network-key-0123456789", AGENT_START);
        return history.records(day, Instant.MIN, Instant.MAX);
    }

    @Test
    void axisHistoryCountsEveryCrossingButTheFirstBaselineWithTheAgentsIds() {
        SiteProfile site = SITES.get(0);
        SiteDay day = SiteDayGenerator.generate(site, DAY, 11L);
        List<FootfallEvent> footfall = recordsOf(site, day).stream().filter(r -> r.topic() == Topic.FOOTFALL)
                .map(r -> (FootfallEvent) r.value()).toList();
        long entering = day.crossings().stream().filter(Crossing::entering).count();
        assertThat(footfall.stream().filter(e -> e.getDirection() == Direction.IN).mapToInt(FootfallEvent::getCount).sum())
                .isEqualTo((int) entering - 1);
        FootfallEvent first = footfall.get(0);
        assertThat(first.getEventId()).isEqualTo(EventIds.of(site.id(), site.axisPrefix(), first.getLineId(),
                INSTALLED.toString(), 2L));
        assertThat(footfall).allSatisfy(e -> assertThat(e.getReceptionDoor()).isTrue());
    }

    @Test
    void milesightHistoryHasOneEventPerDirectionAndNonEmptyInterval() {
        SiteProfile site = SITES.get(1);
        SiteDay day = SiteDayGenerator.generate(site, DAY, 11L);
        List<FootfallEvent> footfall = recordsOf(site, day).stream().filter(r -> r.topic() == Topic.FOOTFALL)
                .map(r -> (FootfallEvent) r.value()).toList();
        long entering = day.crossings().stream().filter(Crossing::entering).count();
        assertThat(footfall.stream().filter(e -> e.getDirection() == Direction.IN).mapToInt(FootfallEvent::getCount).sum())
                .isEqualTo((int) entering);
        assertThat(footfall).allSatisfy(e -> assertThat(e.getCount()).isPositive());
        assertThat(footfall).extracting(FootfallEvent::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void kioskHistoryNeverCarriesABadgeOrReferenceInClear() {
        SiteProfile site = SITES.get(0);
        SiteDay day = SiteDayGenerator.generate(site, DAY, 11L);
        List<KioskEvent> kiosk = recordsOf(site, day).stream().filter(r -> r.topic() == Topic.KIOSK)
                .map(r -> (KioskEvent) r.value()).toList();
        assertThat(kiosk).hasSize(day.kiosk().size());
        assertThat(kiosk).allSatisfy(e -> {
            assertThat(String.valueOf(e.getAdvisorPseudonym())).doesNotContain("BADGE");
            assertThat(String.valueOf(e.getAppointmentRefPseudonym())).doesNotContain("RDV");
        });
        assertThat(kiosk).anySatisfy(e -> assertThat(e.getAppointmentRefPseudonym()).hasSize(32));
    }

    @Test
    void recordsAreInEventTimeOrderWithHeartbeatsAroundTheClockAndStopAtTheGivenEnd() {
        SiteProfile site = SITES.get(1);
        SiteDay day = SiteDayGenerator.generate(site, DAY, 11L);
        AgentHistory history = new AgentHistory(site, new SiteDevices(site, INSTALLED), "site-key-0123456789",
                "network-key-0123456789", AGENT_START);
        Instant noon = DAY.atTime(12, 0).atZone(site.zone()).toInstant();
        List<AgentRecord> records = history.records(day, Instant.MIN, noon);
        assertThat(records).isSortedAccordingTo(java.util.Comparator.comparing(AgentRecord::eventTime));
        assertThat(records).allSatisfy(r -> assertThat(r.eventTime()).isBefore(noon));
        assertThat(records.stream().filter(r -> r.topic() == Topic.AGENT_STATUS).count()).isEqualTo(48);
    }
}
