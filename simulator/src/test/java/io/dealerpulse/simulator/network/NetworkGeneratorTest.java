package io.dealerpulse.simulator.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetworkGeneratorTest {

    @Test
    void theSameSeedGivesTheSameNetworkAndAnotherSeedAnotherOne() {
        assertThat(NetworkGenerator.generate(12, 7L)).isEqualTo(NetworkGenerator.generate(12, 7L));
        assertThat(NetworkGenerator.generate(12, 7L)).isNotEqualTo(NetworkGenerator.generate(12, 8L));
    }

    @Test
    void sitesSpanMetropolitanRegionsAndOverseasZonesWithUniqueIds() {
        List<SiteProfile> sites = NetworkGenerator.generate(10, 1L);
        assertThat(sites).extracting(SiteProfile::id).doesNotHaveDuplicates();
        assertThat(sites).extracting(SiteProfile::zone).contains(ZoneId.of("Europe/Paris"),
                ZoneId.of("Indian/Reunion"), ZoneId.of("America/Martinique"), ZoneId.of("America/Guadeloupe"));
        assertThat(sites).extracting(SiteProfile::counter).contains(CounterKind.AXIS, CounterKind.MILESIGHT);
    }

    @Test
    void investorGroupsOwnFourSitesAndEveryFifthSiteIsIndependent() {
        List<SiteProfile> sites = NetworkGenerator.generate(20, 3L);
        assertThat(sites.get(4).investorGroup()).isNull();
        assertThat(sites.get(9).investorGroup()).isNull();
        Map<String, Long> perGroup = sites.stream().filter(s -> s.investorGroup() != null)
                .collect(Collectors.groupingBy(SiteProfile::investorGroup, Collectors.counting()));
        assertThat(perGroup.values()).allSatisfy(n -> assertThat(n).isBetween(3L, 5L));
    }

    @Test
    void everySiteClosesForLunchOnWeekdaysAndOnSundays() {
        for (SiteProfile site : NetworkGenerator.generate(10, 5L)) {
            assertThat(site.hours().on(DayOfWeek.TUESDAY)).hasSize(2);
            assertThat(site.hours().on(DayOfWeek.SUNDAY)).isEmpty();
            assertThat(site.targetMin()).isLessThan(site.targetMax());
        }
    }

    @Test
    void openingHoursRenderInTheImportersNotation() {
        WeeklyHours hours = WeeklyHours.weekdaysAndSaturdayMorning(Interval.of("08:00", "12:00"),
                Interval.of("13:30", "18:30"), Interval.of("08:30", "12:30"));
        assertThat(hours.toImporterText()).isEqualTo("mon=08:00-12:00,13:30-18:30;tue=08:00-12:00,13:30-18:30;"
                + "wed=08:00-12:00,13:30-18:30;thu=08:00-12:00,13:30-18:30;fri=08:00-12:00,13:30-18:30;"
                + "sat=08:30-12:30");
    }

    @Test
    void aNetworkSizeOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> NetworkGenerator.generate(0, 1L)).hasMessageContaining("1 to 500");
    }
}
