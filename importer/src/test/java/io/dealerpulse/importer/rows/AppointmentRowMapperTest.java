package io.dealerpulse.importer.rows;

import static io.dealerpulse.importer.rows.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppointmentRowMapperTest {
    private static final byte[] NETWORK_KEY = "test-network-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant IMPORTED_AT = Instant.parse("2025-03-09T20:00:00Z");
    private static final Map<String, String> BOOKING = new LinkedHashMap<>();

    static {
        BOOKING.put("site_id", "RE-974-001");
        BOOKING.put("appointment_ref", "RDV-2025-000201");
        BOOKING.put("action", "booked");
        BOOKING.put("scheduled_time", "2025-03-10T07:45");
        BOOKING.put("action_time", "2025-03-06T16:30:00+04:00");
    }

    private static final SiteDirectory REUNION_ONLY = SiteDirectory.of(List.of(SiteRegistryVersion.newBuilder()
            .setEventId("x").setSiteId("RE-974-001").setDeviceId("r").setName("n").setRegion("r").setCountry("FR")
            .setTimeZone("Indian/Reunion").setWeeklyHours(List.of()).setTargetMin(1).setTargetMax(2)
            .setEffectiveFrom(Instant.EPOCH).setEventTime(Instant.EPOCH).setReceivedTime(Instant.EPOCH).build()));

    private final AppointmentRowMapper mapper = new AppointmentRowMapper("booking-system", new Pseudonyms(NETWORK_KEY),
            REUNION_ONLY, IMPORTED_AT);

    @Test
    void aValidRow_isPseudonymised_localTimesReadInTheSiteZone_idFromTheRowsKeys() throws Exception {
        MappedRow mapped = mapper.map(row(BOOKING));

        String pseudonym = new Pseudonyms(NETWORK_KEY).of("RDV-2025-000201");
        Instant actionTime = Instant.parse("2025-03-06T12:30:00Z");
        assertThat(mapped.record()).isEqualTo(AppointmentEvent.newBuilder()
                .setEventId(EventIds.of("booking-system", pseudonym, "BOOKED", actionTime.toEpochMilli()))
                .setSiteId("RE-974-001").setDeviceId("booking-system").setAppointmentRefPseudonym(pseudonym)
                .setAction(AppointmentAction.BOOKED)
                .setScheduledTime(Instant.parse("2025-03-10T03:45:00Z"))
                .setEventTime(actionTime).setReceivedTime(IMPORTED_AT).build());
        assertThat(mapped.key()).isEqualTo("RE-974-001");
        assertThat(mapped.record().toString()).doesNotContain("RDV-2025-000201");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "appointment_ref | NULL               | MISSING_FIELD  | column 'appointment_ref' is missing or empty",
        "site_id         | FR-XXX-999         | UNKNOWN_SITE   | site 'FR-XXX-999' is not in the registry file given with --registry: fix the site id, or add the site to the registry and import it first",
        "action          | NO_SHOW            | UNKNOWN_ACTION | column 'action' must be BOOKED, RESCHEDULED or CANCELLED, got 'NO_SHOW'",
        "scheduled_time  | demain 9h          | BAD_DATE_TIME  | column 'scheduled_time' must be an ISO-8601 date-time such as 2025-03-10T09:30:00+01:00 (or 2025-03-10T09:30 in the site's time zone), got 'demain 9h'",
        "action_time     | 2025-02-30T10:00Z  | BAD_DATE_TIME  | column 'action_time' must be an ISO-8601 date-time such as 2025-03-10T09:30:00+01:00 (or 2025-03-10T09:30 in the site's time zone), got '2025-02-30T10:00Z'",
    })
    void eachBadValue_isRejectedWithItsReason(String column, String value, RejectReason reason, String detail) {
        assertThatThrownBy(() -> mapper.map(row(BOOKING, column, value)))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(reason);
                    assertThat(r.detail()).isEqualTo(detail).doesNotContain("RDV-2025-000201");
                });
    }

    @Test
    void withoutARegistry_anySiteIsAccepted_butALocalTimeHasNoZone() throws Exception {
        AppointmentRowMapper noRegistry = new AppointmentRowMapper("booking-system", new Pseudonyms(NETWORK_KEY), null,
                IMPORTED_AT);

        assertThat(noRegistry.map(row(BOOKING, "site_id", "FR-XXX-999", "scheduled_time", "2025-03-10T07:45:00Z"))
                .key()).isEqualTo("FR-XXX-999");
        assertThatThrownBy(() -> noRegistry.map(row(BOOKING)))
                .isInstanceOfSatisfying(RowRejection.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.NO_TIME_ZONE));
    }

    @Test
    void theDeadLetterPayload_isTheRowWithTheReferenceRedacted() {
        RowMapper.DeadLetterPayload payload = mapper.deadLetterPayload(row(BOOKING, "action", "NO_SHOW"));

        assertThat(payload.redacted()).isTrue();
        assertThat(new String(payload.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"site_id\":\"RE-974-001\","
                + "\"appointment_ref\":\"<redacted>\",\"action\":\"NO_SHOW\",\"scheduled_time\":\"2025-03-10T07:45\","
                + "\"action_time\":\"2025-03-06T16:30:00+04:00\"}");
    }

    @Test
    void aMalformedRow_isWithheldFromItsDeadLetter() {
        RowMapper.DeadLetterPayload payload = mapper.deadLetterPayload(
                SourceRow.malformed(3, "RE-974-001,\"RDV-2025-000201", "cannot split"));

        assertThat(payload.redacted()).isTrue();
        assertThat(payload.bytes()).isEmpty();
    }
}
