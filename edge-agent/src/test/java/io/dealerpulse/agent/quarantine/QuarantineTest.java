package io.dealerpulse.agent.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {
    @TempDir
    Path dir;

    static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsAtMostMaxFilesEvictingTheOldestAndCountingEvictions() throws Exception {
        Quarantine quarantine = new Quarantine(dir, 2, 1 << 20);

        assertThat(quarantine.keep("a", raw("first"))).isZero();
        Thread.sleep(10);
        assertThat(quarantine.keep("b", raw("second"))).isZero();
        assertThat(quarantine.keep("c", raw("third"))).isEqualTo(1);

        assertThat(Files.exists(dir.resolve("a.raw"))).isFalse();
        assertThat(Files.readString(dir.resolve("c.raw"))).isEqualTo("third");
        assertThat(quarantine.size()).isEqualTo(2);
    }

    @Test
    void aRedeliveredPayloadRewritesNothingAndTheIndexSurvivesARestart() throws Exception {
        Quarantine quarantine = new Quarantine(dir, 10, 1 << 20);
        quarantine.keep("same-id", raw("payload"));
        quarantine.keep("same-id", raw("payload"));

        assertThat(new Quarantine(dir, 10, 1 << 20).size()).isEqualTo(1);
    }

    @Test
    void theByteCapEvictsOldFilesButKeepsTheNewest() throws Exception {
        Quarantine quarantine = new Quarantine(dir, 100, 10);
        quarantine.keep("a", raw("123456"));
        Thread.sleep(10);
        int evicted = quarantine.keep("b", raw("7890123"));

        assertThat(evicted).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("b.raw"))).isTrue();
    }
}
