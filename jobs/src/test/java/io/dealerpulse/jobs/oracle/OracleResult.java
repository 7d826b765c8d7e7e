package io.dealerpulse.jobs.oracle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job must have written once it has read every arrival: the staffing windows, the
 * accounting totals per (stream, site), and each site's final clock.
 */
public record OracleResult(
        List<ExpectedWindow> windows,
        Map<String, Map<String, AccountingTotals>> accountingByStreamAndSite,
        Map<String, Instant> siteClocks) {

    /** Totals of one stream over all sites. */
    public AccountingTotals streamTotals(InputStream stream) {
        AccountingTotals sum = new AccountingTotals();
        accountingByStreamAndSite.getOrDefault(stream.tag(), Map.of()).values().forEach(sum::addAll);
        return sum;
    }

    public AccountingTotals totals(InputStream stream, String site) {
        return accountingByStreamAndSite.getOrDefault(stream.tag(), Map.of()).getOrDefault(site, new AccountingTotals());
    }

    /** Windows of one site, by time. */
    public List<ExpectedWindow> windowsOf(String site) {
        return windows.stream().filter(w -> w.site().equals(site)).toList();
    }

    /** Count of windows per status, for reports. */
    public Map<String, Long> statusCounts() {
        Map<String, Long> counts = new TreeMap<>();
        windows.forEach(w -> counts.merge((String) w.fields().get("status"), 1L, Long::sum));
        return counts;
    }
}
