package io.dealerpulse.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.decode.DecoderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security settings of agent.yaml: TLS, signing, and secrets that never echo back. */
class SecurityConfigTest {
    static final String CLEAR_PASSWORD = "clear-text-password-1234";
    static final String SIGNING_KEY = "signing-key-0123456789abcdef";
    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\""
            + " password=\"jaas-secret-5678\";";

    @TempDir
    Path dir;

    AgentConfig load(String yaml, Map<String, String> extraEnv) throws InvalidConfigException {
        Map<String, String> env = new HashMap<>(SiteFixture.ENV);
        env.putAll(extraEnv);
        return new AgentConfigLoader(new Secrets(env), DecoderRegistry.load().formats())
                .load(SiteFixture.write(dir.resolve("agent.yaml"), yaml));
    }

    String yaml() {
        return SiteFixture.yaml("ssl://broker.site.local:8883", "k:9093", dir, "");
    }

    @Test
    void tlsSigningAndScramAreOneEntryEachAndPrintWithoutSecrets() throws Exception {
        Path ca = Files.writeString(dir.resolve("site-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path jaas = Files.writeString(dir.resolve("jaas.conf"), JAAS);
        AgentConfig config = load(yaml()
                .replace("  username: agent\n", "  username: agent\n  tls-ca-file: " + ca + "\n")
                .replace("  create-topics: true\n", """
                          create-topics: true
                          signing-key: env:DP_SIGNING_KEY
                          properties: {security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512}
                          secret-properties: {sasl.jaas.config: file:%s}
                        """.formatted(jaas)), Map.of("DP_SIGNING_KEY", SIGNING_KEY));

        assertThat(config.mqtt().tlsCaFile()).hasValue(ca);
        assertThat(config.kafka().signingKey()).hasValue(SIGNING_KEY);
        assertThat(config.kafka().clientProperties()).containsEntry("sasl.jaas.config", JAAS);
        String printed = config.toString();
        assertThat(printed).contains("sasl.jaas.config", "signing on")
                .doesNotContain(SIGNING_KEY, "jaas-secret-5678", "agent-password", "site-secret-for-tests",
                        "network-secret-for-tests");
    }

    @Test
    void secretsWrittenInClearAreRefusedWithoutRepeatingThem() {
        String yaml = yaml().replace("password: env:DP_MQTT_PASSWORD", "password: " + CLEAR_PASSWORD)
                .replace("  create-topics: true\n", "  create-topics: true\n  signing-key: short\n"
                        + "  properties: {sasl.jaas.config: '" + JAAS + "'}\n");

        assertThatThrownBy(() -> load(yaml, Map.of())).isInstanceOfSatisfying(InvalidConfigException.class, e -> {
            assertThat(e.problems()).extracting(ConfigProblem::key)
                    .contains("mqtt.password", "kafka.signing-key", "kafka.properties.sasl.jaas.config");
            assertThat(e.getMessage() + e.problems()).doesNotContain(CLEAR_PASSWORD, "jaas-secret-5678", "short\"");
        });
    }

    @Test
    void aTlsCaFileNeedsATlsBrokerAndAReadableFile() {
        String plain = SiteFixture.yaml("tcp://h:1883", "k:9092", dir, "")
                .replace("  username: agent\n", "  username: agent\n  tls-ca-file: " + dir.resolve("ca.pem") + "\n");
        String missing = yaml().replace("  username: agent\n", "  username: agent\n  tls-ca-file: "
                + dir.resolve("missing.pem") + "\n");

        assertThatThrownBy(() -> load(plain, Map.of())).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.problems().get(0).message()).contains("not TLS"));
        assertThatThrownBy(() -> load(missing, Map.of())).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.problems().get(0).message()).contains("cannot read"));
    }
}
