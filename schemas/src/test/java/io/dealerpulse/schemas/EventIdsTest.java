package io.dealerpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void sameParts_giveSameId() {
        assertThat(EventIds.of("site", "kiosk-1", "m-1")).isEqualTo(EventIds.of("site", "kiosk-1", "m-1"));
    }

    @Test
    void partBoundariesMatter() {
        assertThat(EventIds.of("ab", "c")).isNotEqualTo(EventIds.of("a", "bc"));
    }

    @Test
    void idIs32HexCharacters() {
        assertThat(EventIds.of("x")).matches("[0-9a-f]{32}");
    }
}
