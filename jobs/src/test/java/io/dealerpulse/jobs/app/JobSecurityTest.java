package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.flink.SignatureVerifyingDeserializationSchema;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's security options: secrets from files only, never echoed; signatures need a keyring. */
class JobSecurityTest {
    static final String JAAS_SECRET = "jaas-secret-0001";
    static final String KEY = "paris-key-0123456789abcdef";

    @TempDir
    Path dir;

    static String[] args(String... extra) {
        List<String> all = new ArrayList<>(List.of("--kafka.bootstrap.servers", "kafka:9093",
                "--influx.url", "http://influxdb:8086", "--checkpoint.dir", "file:///flink/checkpoints"));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void kafkaSecretsComeFromTheSecretFileAndAreNeverDescribed() throws Exception {
        Path secrets = Files.writeString(dir.resolve("kafka.secrets"),
                "sasl.jaas.config=ScramLoginModule required username=\"jobs\" password=\"" + JAAS_SECRET + "\";\n");
        JobOptions options = JobOptions.parse(args("--kafka.properties.security.protocol", "SASL_SSL",
                "--kafka.secret-properties-file", secrets.toString(), "--influx.user", "writer"),
                Map.of(JobOptions.PASSWORD_ENV, "influx-secret-0002"));

        assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .hasEntrySatisfying("sasl.jaas.config", v -> assertThat(v.toString()).contains(JAAS_SECRET));
        assertThat(options.describe()).contains("kafka.secret-properties-file = " + secrets)
                .doesNotContain(JAAS_SECRET, "influx-secret-0002");
    }

    @Test
    void secretsInKafkaPropertiesAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> JobOptions.parse(args(
                "--kafka.properties.sasl.jaas.config", "x password=\"" + JAAS_SECRET + "\";",
                "--kafka.properties.ssl.keystore.password", JAAS_SECRET), Map.of()))
                .isInstanceOfSatisfying(InvalidJobOptionsException.class, e -> {
                    assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p)
                            .contains("kafka.secret-properties-file").doesNotContain(JAAS_SECRET));
                    assertThat(e.getMessage()).doesNotContain(JAAS_SECRET);
                });
    }

    @Test
    void requiredSignaturesNeedAReadableKeyringWhoseKeysAreNeverShown() throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short.properties"), "FR-PARIS-01 = tiny-secret\n");
        assertThatThrownBy(() -> JobOptions.parse(args("--security.require-signatures", "true"), Map.of()))
                .hasMessageContaining("security.require-signatures: needs security.site-keys-file");
        assertThatThrownBy(() -> JobOptions.parse(args("--security.site-keys-file", shortKey.toString()), Map.of()))
                .hasMessageContaining("FR-PARIS-01").hasMessageNotContaining("tiny-secret");
        assertThatThrownBy(() -> JobOptions.parse(args("--security.site-keys-file",
                dir.resolve("missing").toString()), Map.of())).hasMessageContaining("cannot read the site keyring");
    }

    @Test
    void onlyAgentTopicsAreVerifiedAndOnlyWithAKeyring() throws Exception {
        Path keyring = Files.writeString(dir.resolve("keys.properties"), "FR-PARIS-01 = " + KEY + "\n");
        JobOptions verifying = JobOptions.parse(args("--security.site-keys-file", keyring.toString()), Map.of());
        JobOptions plain = JobOptions.parse(args(), Map.of());

        assertThat(verifying.requireSignatures()).as("migration default").isFalse();
        assertThat(KpiJob.deserializer(verifying, Topic.FOOTFALL, FootfallEvent.class))
                .isInstanceOf(SignatureVerifyingDeserializationSchema.class);
        assertThat(KpiJob.deserializer(verifying, Topic.APPOINTMENTS, AppointmentEvent.class))
                .as("importer topic").isInstanceOf(DecodingDeserializationSchema.class);
        assertThat(KpiJob.deserializer(plain, Topic.FOOTFALL, FootfallEvent.class))
                .isInstanceOf(DecodingDeserializationSchema.class);
    }
}
