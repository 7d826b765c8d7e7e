package io.dealerpulse.demo.view;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders the live view as text: pure, so what the screen shows is tested on values. */
public final class TerminalView {
    /** ANSI: cursor home and clear screen, so the view refreshes in place. */
    public static final String CLEAR = "\u001b[H\u001b[2J";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.of("Europe/Paris"));

    private TerminalView() {}

    /** A progress bar such as {@code [#########.........]  45% (4,500 / 10,000)}. */
    public static String progressBar(long done, long total, int width) {
        double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d%% (%,d / %,d)", Math.round(share * 100), done, total);
    }

    /** The view under the simulator: simulated time in Paris and the speed. */
    public static String render(Instant simulatedNow, double speed, List<SiteRow> rows, List<String> expectedSites,
            String footer) {
        return render(String.format(Locale.ROOT, "DealerPulse demo - simulated time %s (Paris), x%.0f",
                CLOCK.format(simulatedNow), speed), rows, expectedSites, footer);
    }

    /** The view of {@code --no-simulator}: the wall clock, and the sites the jobs have written for so far. */
    public static String renderWallClock(Instant now, List<SiteRow> rows, String footer) {
        String title = "DealerPulse demo - wall clock " + CLOCK.format(now) + " (Paris), your devices";
        if (rows.isEmpty()) {
            return title + "\nno site yet: import a site registry and start an agent (docs/demo.md)\n" + footer;
        }
        return render(title, rows, rows.stream().map(SiteRow::site).toList(), footer);
    }

    private static String render(String title, List<SiteRow> rows, List<String> expectedSites, String footer) {
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        out.append(String.format(Locale.ROOT, "%-12s %-26s %-10s %8s %6s %9s %-14s %7s %-9s %-10s%n", "site",
                "region", "window", "visitors", "staff", "vis/staff", "status", "score", "tier", "trend"));
        for (String site : expectedSites) {
            SiteRow row = rows.stream().filter(r -> r.site().equals(site)).findFirst().orElse(null);
            if (row == null || row.windowStartMillis() == 0) {
                out.append(String.format(Locale.ROOT, "%-12s %-26s %-10s%n", site, "", "waiting for its first window"));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-12s %-26s %-10s %8d %6.2f %9s %-14s %7s %-9s %-10s%n",
                    row.site(), row.region(), row.localTime(), row.visitors(), row.staffOnDuty(),
                    row.visitorsPerStaff() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.visitorsPerStaff()),
                    row.status(), row.score() == null ? "-" : String.format(Locale.ROOT, "%.1f", row.score()),
                    row.tier() == null ? "-" : row.tier(), row.trend() == null ? "-" : row.trend()));
        }
        out.append(footer);
        return out.toString();
    }
}
