package io.dealerpulse.demo.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalViewTest {

    @Test
    void aProgressBarFillsInProportion() {
        assertThat(TerminalView.progressBar(45, 100, 20)).isEqualTo("[#########...........]  45% (45 / 100)");
        assertThat(TerminalView.progressBar(0, 0, 4)).isEqualTo("[####] 100% (0 / 0)");
    }

    @Test
    void showsEverySiteAndWaitsVisiblyForTheOnesWithoutWindows() {
        SiteRow paris = new SiteRow("FR-IDF-001", "ile-de-france", 1L, "Mon 09:15", 7, 3.5, 2.0, "ok", 12, 84.26,
                "Gold", "improving");
        String screen = TerminalView.render(Instant.parse("2026-03-02T08:30:00Z"), 360, List.of(paris),
                List.of("FR-IDF-001", "FR-LR-001"), "footer\n");
        assertThat(screen).contains("simulated time Mon 2026-03-02 09:30 (Paris), x360");
        assertThat(screen).containsPattern("FR-IDF-001 +ile-de-france +Mon 09:15 +7 +3.50 +2.00 ok +84.3 Gold +improving");
        assertThat(screen).contains("FR-LR-001").contains("waiting for its first window").endsWith("footer\n");
    }

    @Test
    void withoutTheSimulatorTheViewRunsOnTheWallClockAndListsTheSitesSeen() {
        SiteRow lyon = new SiteRow("FR-ARA-007", "auvergne-rhone-alpes", 1L, "Tue 14:00", 3, 2.0, 1.5, "ok", 4, null,
                null, null);
        assertThat(TerminalView.renderWallClock(Instant.parse("2026-03-03T13:20:00Z"), List.of(), "footer\n"))
                .startsWith("DealerPulse demo - wall clock Tue 2026-03-03 14:20 (Paris), your devices\n")
                .contains("no site yet: import a site registry").endsWith("footer\n");
        assertThat(TerminalView.renderWallClock(Instant.parse("2026-03-03T13:20:00Z"), List.of(lyon), "footer\n"))
                .containsPattern("FR-ARA-007 +auvergne-rhone-alpes +Tue 14:00 +3 +2.00 +1.50 ok +- +- +-")
                .doesNotContain("simulated");
    }
}
