package io.dealerpulse.jobs.it;

import io.dealerpulse.jobs.oracle.AccountingTotals;
import io.dealerpulse.jobs.oracle.Bucket;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.jobs.oracle.OracleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the newest {@code stream_accounting} totals with the oracle's, per (stream, site).
 *
 * <p>Exact: received, too_late, dead_lettered, duplicate, outside_opening_hours, and the applied sum
 * aggregated + corrected_late + pending. The split inside that sum is not compared: the job reads
 * each input topic on its own, so whether a kiosk event is read before or after the footfall of a
 * later hour (aggregated vs corrected-late, see {@link AccountingTotals#applied()}) varies per run.
 * Every stored series must add up: received = the sum of the seven buckets.
 */
final class AccountingCheck {
    private static final List<Bucket> EXACT = List.of(Bucket.TOO_LATE, Bucket.DEAD_LETTERED, Bucket.DUPLICATE,
            Bucket.OUTSIDE_OPENING_HOURS);

    private AccountingCheck() {}

    static List<String> problems(OracleResult expected, InfluxReadback readback) {
        List<String> problems = problems(expected, readback.latestAccounting());
        if (!problems.isEmpty()) {
            problems.add("(diagnostic) largest received of any point per stream and site: " + readback.maxReceived());
        }
        return problems;
    }

    static List<String> problems(OracleResult expected, Map<String, Map<String, Map<String, Long>>> stored) {
        List<String> problems = new ArrayList<>();
        for (InputStream stream : InputStream.values()) {
            Map<String, AccountingTotals> expectedSites = expected.accountingByStreamAndSite().getOrDefault(stream.tag(), Map.of());
            Map<String, Map<String, Long>> storedSites = stored.getOrDefault(stream.tag(), Map.of());
            TreeSet<String> sites = new TreeSet<>(expectedSites.keySet());
            sites.addAll(storedSites.keySet());
            for (String site : sites) {
                String where = "stream_accounting stream=" + stream.tag() + " site=" + site;
                AccountingTotals want = expectedSites.get(site);
                Map<String, Long> got = storedSites.get(site);
                if (got == null) {
                    problems.add(where + ": no point; expected " + want);
                    continue;
                }
                long sum = 0;
                for (Bucket bucket : Bucket.values()) {
                    sum += got.getOrDefault(bucket.field(), 0L);
                }
                if (got.getOrDefault("received", -1L) != sum) {
                    problems.add(where + ": received " + got.get("received") + " but the buckets add up to " + sum
                            + " " + got);
                }
                if (want == null) {
                    if (got.getOrDefault("received", 0L) != 0) {
                        problems.add(where + ": expected no records, stored " + got);
                    }
                    continue;
                }
                compare(problems, where, "received", want.received(), got.get("received"));
                for (Bucket bucket : EXACT) {
                    compare(problems, where, bucket.field(), want.get(bucket), got.get(bucket.field()));
                }
                long applied = got.getOrDefault("aggregated", 0L) + got.getOrDefault("corrected_late", 0L)
                        + got.getOrDefault("pending", 0L);
                compare(problems, where, "aggregated+corrected_late+pending", want.applied(), applied);
            }
        }
        return problems;
    }

    private static void compare(List<String> problems, String where, String field, long expected, Long stored) {
        if (stored == null || stored != expected) {
            problems.add(where + ": " + field + " expected " + expected + " stored " + stored);
        }
    }
}
