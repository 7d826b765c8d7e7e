package io.dealerpulse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMainTest {
    @TempDir
    Path dir;

    @Test
    void checkConfigPrintsEveryProblemWithItsKeyAndExitsNonZero() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                site-id: FR-PARIS-01
                mqtt:
                  broker-uri: tcp://127.0.0.1:1883
                kafka:
                  bootstrap-servers: k:9092
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = AgentMain.run(new String[] {"--config", config.toString(), "--check-config"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(AgentMain.BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mqtt.subscriptions: missing", "outbox.path: missing",
                "quarantine.dir: missing", "privacy.site-key: missing", "privacy.network-key: missing",
                "devices: missing");
    }

    @Test
    void unknownArgumentsAreRefusedWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AgentMain.run(new String[] {"--frobnicate"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(AgentMain.BAD_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--frobnicate'", "Usage:");
    }
}
