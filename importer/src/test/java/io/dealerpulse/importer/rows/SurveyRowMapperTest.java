package io.dealerpulse.importer.rows;

import static io.dealerpulse.importer.rows.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.SurveyChannel;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyRowMapperTest {
    private static final Instant IMPORTED_AT = Instant.parse("2025-03-12T08:00:00Z");
    private static final Map<String, String> ANSWER = new LinkedHashMap<>();

    static {
        ANSWER.put("response_id", "SRV-88412");
        ANSWER.put("site_id", "FR-IDF-001");
        ANSWER.put("channel", "e-mail");
        ANSWER.put("nps", "9");
        ANSWER.put("satisfaction", "");
        ANSWER.put("visit_date", "2025-03-10");
    }

    private final SurveyRowMapper mapper = new SurveyRowMapper("survey-tool", null, IMPORTED_AT);

    @Test
    void aValidRow_hasTheImportInstantAsEventTime_andItsResponseIdAsKey() throws Exception {
        MappedRow mapped = mapper.map(row(ANSWER));

        assertThat(mapped.record()).isEqualTo(SurveyResponse.newBuilder()
                .setEventId(EventIds.of("survey-tool", "SRV-88412")).setSiteId("FR-IDF-001").setDeviceId("survey-tool")
                .setResponseId("SRV-88412").setChannel(SurveyChannel.EMAIL).setNpsScore(9).setSatisfactionScore(null)
                .setVisitDate(LocalDate.of(2025, 3, 10)).setEventTime(IMPORTED_AT).setReceivedTime(IMPORTED_AT).build());
        assertThat(mapped.key()).isEqualTo("FR-IDF-001");
    }

    @Test
    void aBackFill_setsEventTimeFromReceivedAt_andKeepsTheImportInstantAsReceivedTime() throws Exception {
        SurveyResponse response = (SurveyResponse) mapper.map(row(ANSWER, "received_at", "2025-03-11T18:40:00-04:00",
                "channel", "Mystery visit")).record();

        assertThat(response.getEventTime()).isEqualTo(Instant.parse("2025-03-11T22:40:00Z"));
        assertThat(response.getReceivedTime()).isEqualTo(IMPORTED_AT);
        assertThat(response.getChannel()).isEqualTo(SurveyChannel.MYSTERY_VISIT);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "response_id  | NULL       | MISSING_FIELD   | column 'response_id' is missing or empty",
        "nps          | 11         | OUT_OF_RANGE    | column 'nps' must be from 0 to 10, got 11",
        "nps          | -1         | OUT_OF_RANGE    | column 'nps' must be from 0 to 10, got -1",
        "nps          | neuf       | BAD_VALUE       | column 'nps' must be a whole number from 0 to 10, got 'neuf'",
        "satisfaction | 0          | OUT_OF_RANGE    | column 'satisfaction' must be from 1 to 5, got 0",
        "channel      | SMS        | UNKNOWN_CHANNEL | column 'channel' must be PHONE, EMAIL, KIOSK or MYSTERY_VISIT, got 'SMS'",
        "visit_date   | 10/03/2025 | BAD_DATE_TIME   | column 'visit_date' must be an ISO-8601 date such as 2025-03-10, got '10/03/2025'",
        "visit_date   | 2025-03-14 | OUT_OF_RANGE    | visit date 2025-03-14 is after the answer was received (2025-03-12): check the visit date",
        "received_at  | hier       | BAD_DATE_TIME   | column 'received_at' must be an ISO-8601 date-time such as 2025-03-10T09:30:00+01:00 (or 2025-03-10T09:30 in the site's time zone), got 'hier'",
    })
    void eachBadValue_isRejectedWithItsReason(String column, String value, RejectReason reason, String detail) {
        assertThatThrownBy(() -> mapper.map(row(ANSWER, column, value)))
                .isInstanceOfSatisfying(RowRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo(reason);
                    assertThat(r.detail()).isEqualTo(detail);
                });
    }

    @Test
    void anAnswerWithoutAnyScore_isMissingAField() {
        assertThatThrownBy(() -> mapper.map(row(ANSWER, "nps", null)))
                .isInstanceOfSatisfying(RowRejection.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.MISSING_FIELD));
    }

    @Test
    void theDeadLetterPayload_isTheRawRow() {
        RowMapper.DeadLetterPayload payload = mapper.deadLetterPayload(row(ANSWER));

        assertThat(payload.redacted()).isFalse();
        assertThat(new String(payload.bytes(), StandardCharsets.UTF_8)).isEqualTo("SRV-88412,FR-IDF-001,e-mail,9,,2025-03-10");
    }
}
