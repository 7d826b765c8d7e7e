package io.dealerpulse.jobs.oracle;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.scenario.SiteRecords;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.specific.SpecificRecord;

/** A small hand-written input for one site, in arrival order, and lookups into the oracle's answer. */
final class OracleFixture {
    final String site;
    final ZoneId zone;
    final SiteRecords records;
    final List<Arrival> arrivals = new ArrayList<>();
    private long heartbeats;

    OracleFixture(String site, String zone) {
        this.site = site;
        this.zone = ZoneId.of(zone);
        this.records = new SiteRecords(site);
    }

    /** Local date-time text ("2026-03-29T10:07:30") as an instant in the site zone (earlier offset on overlaps). */
    Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    OracleFixture registry(SiteRegistryVersion version) {
        arrivals.add(Arrival.of(version));
        return this;
    }

    OracleFixture send(SpecificRecord... events) {
        for (SpecificRecord event : events) {
            arrivals.add(Arrival.of(event));
        }
        return this;
    }

    /** An agent heartbeat at this local time: moves the site clock to it minus the out-of-orderness. */
    OracleFixture heartbeat(String localDateTime) {
        return send(records.heartbeat(at("2026-01-01T00:00"), ++heartbeats, at(localDateTime)));
    }

    OracleResult compute() {
        return StaffingOracle.compute(arrivals, OracleOptions.DEFAULTS);
    }

    static ExpectedWindow window(OracleResult result, Instant start) {
        return result.windows().stream().filter(w -> w.time().equals(start)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no window at " + start + " in " + result.windows().stream()
                        .map(ExpectedWindow::key).toList()));
    }

    ExpectedWindow window(OracleResult result, String localStart) {
        return window(result, at(localStart));
    }
}
