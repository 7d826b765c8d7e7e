package io.dealerpulse.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineProtocolTest {
    private static final long WINDOW_START = 1_767_258_000_000L; // 2026-01-01T09:00:00Z

    @Test
    void integerFieldsCarryTheISuffix() throws Exception {
        InfluxPoint point = InfluxPoint.of("staffing", WINDOW_START).field("visitors", 12L).field("negative", -3L);

        assertThat(LineProtocol.toLine(point)).isEqualTo("staffing negative=-3i,visitors=12i 1767258000000");
    }

    @Test
    void floatFieldsAreWrittenInPlainDecimalsWithADecimalPoint() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START)
                .field("whole", 2.0)
                .field("fraction", 0.25)
                .field("huge", 1.5e20)
                .field("tiny", 1.0e-7)
                .field("negative", -7.5);

        assertThat(LineProtocol.toLine(point)).isEqualTo(
                "m fraction=0.25,huge=150000000000000000000.0,negative=-7.5,tiny=0.00000010,whole=2.0 1767258000000");
    }

    @Test
    void booleanFieldsAreTrueOrFalse() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).field("ratio_valid", false).field("open", true);

        assertThat(LineProtocol.toLine(point)).isEqualTo("m open=true,ratio_valid=false 1767258000000");
    }

    @Test
    void stringFieldsAreQuotedWithQuotesAndBackslashesEscaped() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).field("status", "say \"ok\" C:\\dir, a=b");

        assertThat(LineProtocol.toLine(point))
                .isEqualTo("m status=\"say \\\"ok\\\" C:\\\\dir, a=b\" 1767258000000");
    }

    @Test
    void tagsAreSortedAndEscapeCommasSpacesAndEquals() throws Exception {
        InfluxPoint point = InfluxPoint.of("staffing window", WINDOW_START)
                .tag("site", "Lyon Est, hall=2")
                .tag("region", "ARA")
                .tag("key with space", "v")
                .field("visitors", 1L);

        assertThat(LineProtocol.toLine(point)).isEqualTo(
                "staffing\\ window,key\\ with\\ space=v,region=ARA,site=Lyon\\ Est\\,\\ hall\\=2 visitors=1i 1767258000000");
    }

    @Test
    void measurementEscapesCommasAndSpacesButNotEquals() throws Exception {
        InfluxPoint point = InfluxPoint.of("a,b c=d", WINDOW_START).field("f", 1L);

        assertThat(LineProtocol.toLine(point)).isEqualTo("a\\,b\\ c=d f=1i 1767258000000");
    }

    @Test
    void fieldKeysAreEscapedLikeTagKeys() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).field("waiting p90,s=x", 1.5);

        assertThat(LineProtocol.toLine(point)).isEqualTo("m waiting\\ p90\\,s\\=x=1.5 1767258000000");
    }

    @Test
    void tagsWithAnEmptyValueAreLeftOut() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).tag("investor_group", "").tag("site", "S1").field("f", 1L);

        assertThat(LineProtocol.toLine(point)).isEqualTo("m,site=S1 f=1i 1767258000000");
    }

    @Test
    void fieldsOfEveryTypeAppearTogetherInOneLine() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).tag("site", "S1")
                .field("visitors", 4L).field("visitors_per_staff", 2.0).field("ratio_valid", true)
                .field("status", "ok");

        assertThat(LineProtocol.toLine(point))
                .isEqualTo("m,site=S1 visitors=4i,visitors_per_staff=2.0,ratio_valid=true,status=\"ok\" 1767258000000");
    }

    @Test
    void refusesAPointWithoutFields() {
        assertThatThrownBy(() -> LineProtocol.toLine(InfluxPoint.of("m", WINDOW_START).tag("site", "S1")))
                .isInstanceOf(InvalidPointException.class).hasMessageContaining("no field");
    }

    @Test
    void refusesNaNAndInfinity() {
        assertThatThrownBy(() -> LineProtocol.toLine(InfluxPoint.of("m", WINDOW_START).field("ratio", Double.NaN)))
                .isInstanceOf(InvalidPointException.class).hasMessageContaining("ratio is NaN");
        assertThatThrownBy(() -> LineProtocol.toLine(
                InfluxPoint.of("m", WINDOW_START).field("ratio", Double.POSITIVE_INFINITY)))
                .isInstanceOf(InvalidPointException.class).hasMessageContaining("Infinity");
    }

    @Test
    void refusesTheSameFieldWithTwoTypes() {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).field("visitors", 1L).field("visitors", 1.0);

        assertThatThrownBy(() -> LineProtocol.toLine(point))
                .isInstanceOf(InvalidPointException.class).hasMessageContaining("visitors is set with two types");
    }

    @Test
    void refusesANullFieldValue() {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START);
        point.getDoubleFields().put("ratio", null);

        assertThatThrownBy(() -> LineProtocol.toLine(point))
                .isInstanceOf(InvalidPointException.class).hasMessageContaining("ratio is null");
    }

    @Test
    void refusesLineBreaksInTagValues() {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).tag("site", "S\n1").field("f", 1L);

        assertThatThrownBy(() -> LineProtocol.toLine(point))
                .isInstanceOf(InvalidPointException.class).hasMessageContaining("line break");
    }

    @Test
    void theTargetDatabaseIsNotPartOfTheLine() throws Exception {
        InfluxPoint point = InfluxPoint.of("m", WINDOW_START).field("f", 1L).database("investor_group_7");

        assertThat(LineProtocol.toLine(point)).isEqualTo("m f=1i 1767258000000");
    }

    @Test
    void aTombstoneBecomesADeleteOfItsSeriesAtItsExactTimeInNanoseconds() throws Exception {
        InfluxPoint window = InfluxPoint.of("staffing_window", WINDOW_START).tag("site", "it's \\x")
                .tag("region", "").tag("local_hour", "09").field("visitors", 3L);

        String statement = LineProtocol.deleteStatement(InfluxPoint.tombstoneOf(window));

        assertThat(statement).isEqualTo("DELETE FROM \"staffing_window\" WHERE \"local_hour\"='09' AND "
                + "\"site\"='it\\'s \\\\x' AND time = " + WINDOW_START * 1_000_000L);
    }
}
