package io.dealerpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymsTest {
    private static final byte[] NETWORK_KEY = "network-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @Test
    void sameKeyAndValue_samepseudonym_acrossInstances() {
        assertThat(new Pseudonyms(NETWORK_KEY).of("APT-2025-0042"))
                .isEqualTo(new Pseudonyms(NETWORK_KEY).of(" APT-2025-0042 "))
                .matches("[0-9a-f]{32}")
                .doesNotContain("0042");
    }

    @Test
    void anotherKey_anotherPseudonym() {
        byte[] siteKey = "site-key-FR-PAR-001-xyz".getBytes(StandardCharsets.UTF_8);
        assertThat(new Pseudonyms(siteKey).of("BADGE-17")).isNotEqualTo(new Pseudonyms(NETWORK_KEY).of("BADGE-17"));
    }

    @Test
    void shortKeys_areRefused() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[8])).hasMessageContaining("16 bytes");
    }
}
