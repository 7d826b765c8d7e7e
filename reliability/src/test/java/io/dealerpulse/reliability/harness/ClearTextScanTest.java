package io.dealerpulse.reliability.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClearTextScanTest {
    private static final String BADGE = "B-Claire-7781";
    private final ClearTextScan scan = new ClearTextScan(List.of(BADGE));

    @Test
    void findsTheIdentifierInEveryEncodingAndCaseItSearches() {
        assertThat(encodingsFound(("x" + BADGE + "y").getBytes(StandardCharsets.UTF_8))).containsExactly("UTF-8, any case");
        assertThat(encodingsFound(BADGE.toUpperCase().getBytes(StandardCharsets.UTF_8))).containsExactly("UTF-8, any case");
        assertThat(encodingsFound(BADGE.toLowerCase().getBytes(StandardCharsets.ISO_8859_1))).containsExactly("UTF-8, any case");
        assertThat(encodingsFound(BADGE.toUpperCase().getBytes(StandardCharsets.UTF_16LE)))
                .containsExactly("UTF-16LE, any case");
        // after another UTF-16LE character the same bytes, one byte on, also read as UTF-16BE
        assertThat(encodingsFound(("x" + BADGE).getBytes(StandardCharsets.UTF_16LE)))
                .containsExactly("UTF-16LE, any case", "UTF-16BE, any case");
        assertThat(encodingsFound(BADGE.getBytes(StandardCharsets.UTF_16BE))).containsExactly("UTF-16BE, any case");
        assertThat(encodingsFound(Base64.getEncoder().encode(BADGE.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("Base64 of UTF-8");
        assertThat(encodingsFound(HexFormat.of().withUpperCase().formatHex(BADGE.getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII))).containsExactly("hex of UTF-8");
    }

    @Test
    void findsNothingInOtherBytesOrAPartOfTheIdentifier() {
        assertThat(scan.scan("t", "B-Claire-778".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(scan.scan("t", "B_Claire-7781".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(scan.scan("t", (byte[]) null)).isEmpty();
        assertThat(scan.scan("t", new byte[0])).isEmpty();
    }

    @Test
    void reportsWhereItFoundWhat() {
        assertThat(scan.scan("topic/0@7 value", "..." + BADGE))
                .containsExactly(new ClearTextScan.Hit(BADGE, "UTF-8, any case", "topic/0@7 value"));
    }

    @Test
    void refusesIdentifiersTooShortToSearchFor() {
        assertThatThrownBy(() -> new ClearTextScan(List.of("B-1"))).hasMessageContaining("too short");
    }

    private List<String> encodingsFound(byte[] bytes) {
        return scan.scan("t", bytes).stream().map(ClearTextScan.Hit::encoding).toList();
    }
}
