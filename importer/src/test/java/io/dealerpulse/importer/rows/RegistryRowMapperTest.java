package io.dealerpulse.importer.rows;

import static io.dealerpulse.importer.rows.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.Weekday;
import io.dealerpulse.schemas.EventIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryRowMapperTest {
    private static final Instant IMPORTED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Map<String, String> REUNION = new LinkedHashMap<>();

    static {
        REUNION.put("site_id", "RE-974-001");
        REUNION.put("name", "Saint-Denis Réunion Auto");
        REUNION.put("region", "La Réunion");
        REUNION.put("zone_manager", "ZM-DOM-1");
        REUNION.put("investor_group", "");
        REUNION.put("country", "fr");
        REUNION.put("time_zone", "Indian/Reunion");
        REUNION.put("opening_hours", "mon=07:30-12:00,13:00-17:00");
        REUNION.put("exceptions", "2025-12-20=closed|Fèt Kaf");
        REUNION.put("target_min", "1,5");
        REUNION.put("target_max", "4.5");
        REUNION.put("latitude", "-20.8789");
        REUNION.put("longitude", "55.4481");
        REUNION.put("effective_from", "2025-01-01");
    }

    private final RegistryRowMapper mapper = new RegistryRowMapper("registry-file", IMPORTED_AT);

    @Test
    void aValidRow_becomesTheVersion_effectiveFromLocalMidnight_keyedBySiteAndEffectiveFrom() throws Exception {
        MappedRow mapped = mapper.map(row(REUNION));

        Instant localMidnight = Instant.parse("2024-12-31T20:00:00Z");
        SiteRegistryVersion expected = SiteRegistryVersion.newBuilder()
                .setEventId(EventIds.of("registry-file", "RE-974-001", localMidnight.toEpochMilli()))
                .setSiteId("RE-974-001").setDeviceId("registry-file").setName("Saint-Denis Réunion Auto")
                .setRegion("La Réunion").setZoneManager("ZM-DOM-1").setInvestorGroup(null).setCountry("FR")
                .setTimeZone("Indian/Reunion")
                .setWeeklyHours(List.of(
                        OpeningInterval.newBuilder().setDayOfWeek(Weekday.MONDAY).setOpenMinute(450).setCloseMinute(720).build(),
                        OpeningInterval.newBuilder().setDayOfWeek(Weekday.MONDAY).setOpenMinute(780).setCloseMinute(1020).build()))
                .setExceptions(List.of(DatedException.newBuilder().setDate(LocalDate.of(2025, 12, 20))
                        .setIntervals(List.of()).setReason("Fèt Kaf").build()))
                .setTargetMin(1.5).setTargetMax(4.5).setLatitude(-20.8789).setLongitude(55.4481)
                .setEffectiveFrom(localMidnight).setEventTime(localMidnight).setReceivedTime(IMPORTED_AT)
                .build();
        assertThat(mapped.record()).isEqualTo(expected);
        assertThat(mapped.key()).isEqualTo("RE-974-001@" + localMidnight.toEpochMilli());
        assertThat(mapped.eventId()).isEqualTo(expected.getEventId());
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "site_id        | NULL              | MISSING_FIELD     | column 'site_id' is missing or empty",
        "name           | ''                | MISSING_FIELD     | column 'name' is missing or empty",
        "country        | France            | BAD_VALUE         | column 'country' must be an ISO 3166-1 alpha-2 code such as FR, got 'France'",
        "time_zone      | Europe/Pariss     | BAD_TIME_ZONE     | column 'time_zone' must be an IANA time zone such as Europe/Paris or America/Martinique, got 'Europe/Pariss'",
        "time_zone      | +04:00            | BAD_TIME_ZONE     | column 'time_zone' must be an IANA time zone such as Europe/Paris or America/Martinique, got '+04:00'",
        "opening_hours  | mon=7h30-12h      | BAD_OPENING_HOURS | '7h30' is not a time HH:mm",
        "exceptions     | 2025-13-01=closed | BAD_DATE_TIME     | an exception's date must be an ISO-8601 date such as 2025-03-10, got '2025-13-01'",
        "target_min     | lots              | BAD_VALUE         | column 'target_min' must be a number, got 'lots'",
        "target_max     | 1.0               | OUT_OF_RANGE      | the target band is empty: target_max 1.0 is below target_min 1.5",
        "latitude       | 95                | OUT_OF_RANGE      | column 'latitude' must be from -90.0 to 90.0, got 95",
        "longitude      | NULL              | MISSING_FIELD     | give both latitude and longitude, or neither",
        "effective_from | 01/01/2025        | BAD_DATE_TIME     | column 'effective_from' must be an ISO-8601 date-time such as 2025-03-10T09:30:00+01:00 (or 2025-03-10T09:30 in the site's time zone), got '01/01/2025'",
    })
    void eachBadValue_isRejectedWithItsReason(String column, String value, RejectReason reason, String detail) {
        assertThatThrownBy(() -> mapper.map(row(REUNION, column, value)))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(reason);
                    assertThat(r.detail()).isEqualTo(detail);
                });
    }

    @Test
    void coordinatesAndOptionalColumns_mayBeLeftOut() throws Exception {
        SiteRegistryVersion version = (SiteRegistryVersion) mapper.map(row(REUNION, "latitude", null, "longitude", "",
                "exceptions", null, "zone_manager", null)).record();

        assertThat(version.getLatitude()).isNull();
        assertThat(version.getLongitude()).isNull();
        assertThat(version.getExceptions()).isEmpty();
        assertThat(version.getZoneManager()).isNull();
    }
}
