package io.dealerpulse.jobs.oracle.score;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.scenario.SiteRecords;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Hand-written arrivals of a few sites in one zone, in arrival order, with readable local times. */
final class ScoreFixture {
    final ZoneId zone;
    final List<Arrival> arrivals = new ArrayList<>();
    private long heartbeats;
    private int messages;

    ScoreFixture(String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** "2026-03-10T10:07:30" in the fixture's zone (earlier offset on overlaps). */
    Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    ScoreFixture registry(SiteRegistryVersion version) {
        arrivals.add(Arrival.of(version));
        return this;
    }

    ScoreFixture send(SpecificRecord... events) {
        for (SpecificRecord event : events) {
            arrivals.add(Arrival.of(event));
        }
        return this;
    }

    /** A heartbeat of the site's agent at this local time: its clock becomes that time minus 2 minutes. */
    ScoreFixture heartbeat(String site, String localDateTime) {
        return send(new SiteRecords(site).heartbeat(at("2026-01-01T00:00"), ++heartbeats, at(localDateTime)));
    }

    String nextMessage() {
        return "m" + (++messages);
    }

    ScoreOracle oracle() {
        return ScoreOracle.of(arrivals, OracleOptions.DEFAULTS, ScoreSettings.DEFAULTS);
    }
}
