package io.dealerpulse.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.decode.DecoderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
    @TempDir
    Path dir;

    AgentConfigLoader loader(Map<String, String> env) {
        return new AgentConfigLoader(new Secrets(env), DecoderRegistry.load().formats());
    }

    @Test
    void theFixtureLoadsWithDefaultsAndResolvedSecrets() {
        AgentConfig config = SiteFixture.config("tcp://127.0.0.1:1883", "127.0.0.1:9092", dir);

        assertThat(config.siteId()).isEqualTo(SiteFixture.SITE);
        assertThat(config.mqtt().password()).hasValue("agent-password");
        assertThat(config.mqtt().sessionExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(config.privacy().siteKey()).isEqualTo("site-secret-for-tests");
        assertThat(config.validation().maxClockAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.device(SiteFixture.AXIS_PREFIX).orElseThrow().line(SiteFixture.AXIS_OUT).orElseThrow()
                .direction()).hasValue("OUT");
        assertThat(config.kafka().topics().agentStatus()).isEqualTo("dealerpulse.agent-status.v1");
    }

    @Test
    void everyProblemIsListedWithItsKey() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                site-id: "bad site!"
                mqtt:
                  broker-uri: localhost:1883
                  password: plain-text-password
                  subscriptions:
                    - topic: axis/#
                      format: axis-v9
                kafka:
                  bootstrap-servers: k:9092
                  delivery-timeout: soon
                outbox:
                  path: /tmp/o.db
                  sync: sometimes
                quarantine:
                  dir: /tmp/q
                privacy:
                  site-key: env:MISSING_KEY
                devices:
                  - id: cam
                    format: axis-object-analytics
                    lines:
                      - {id: S1, direction: SIDEWAYS}
                colour: blue
                """);

        assertThatThrownBy(() -> loader(Map.of()).load(file)).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                        "site-id", "mqtt.broker-uri", "mqtt.password", "mqtt.subscriptions[0].format",
                        "kafka.delivery-timeout", "outbox.sync", "privacy.site-key", "privacy.network-key",
                        "devices[0].lines[0].direction", "colour"));
    }

    @Test
    void secretsComeFromFiles() throws Exception {
        Path secret = Files.writeString(dir.resolve("site.key"), "key-from-a-secret-file\n");
        String yaml = SiteFixture.yaml("tcp://h:1883", "k:9092", dir, "")
                .replace("site-key: env:DP_SITE_KEY", "site-key: file:" + secret);
        AgentConfig config = loader(SiteFixture.ENV).load(SiteFixture.write(dir.resolve("a.yaml"), yaml));

        assertThat(config.privacy().siteKey()).isEqualTo("key-from-a-secret-file");
    }
}
