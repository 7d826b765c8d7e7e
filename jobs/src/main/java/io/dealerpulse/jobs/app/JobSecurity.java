package io.dealerpulse.jobs.app;

import io.dealerpulse.schemas.signing.SiteKeyring;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The job's security settings, checked with the other options (see {@link JobOptions}): Kafka client
 * secrets come from a file, never from {@code kafka.properties.*} (those are logged and visible in the
 * Flink UI), and signature checking needs a readable site keyring. Problems name keys and files,
 * never a secret value.
 */
final class JobSecurity {
    private JobSecurity() {}

    /** Refuses secret-looking {@code kafka.properties.*} values and checks the keyring settings. */
    static void check(Map<String, String> values, List<String> problems) {
        for (String name : values.keySet()) {
            if (name.startsWith(JobOptions.KAFKA_PROPERTIES_PREFIX) && isSecret(name)) {
                problems.add(name + ": holds a secret, which would be logged and shown in the Flink UI; put `"
                        + name.substring(JobOptions.KAFKA_PROPERTIES_PREFIX.length()) + "` into the file named by "
                        + JobOptions.KAFKA_SECRET_PROPERTIES_FILE.name());
            }
        }
        String keys = values.get(JobOptions.SITE_KEYS_FILE.name());
        if ("true".equals(values.get(JobOptions.REQUIRE_SIGNATURES.name())) && keys == null) {
            problems.add(JobOptions.REQUIRE_SIGNATURES.name() + ": needs " + JobOptions.SITE_KEYS_FILE.name()
                    + ", the keyring of the sites' signing keys (docs/security.md)");
        }
        if (keys != null) {
            try {
                SiteKeyring keyring = SiteKeyring.read(Path.of(keys));
                if (keyring.size() == 0) {
                    problems.add(JobOptions.SITE_KEYS_FILE.name() + ": " + keys + " lists no site; write one"
                            + " `SITE-ID = key` line per site");
                }
            } catch (RuntimeException e) {
                problems.add(JobOptions.SITE_KEYS_FILE.name() + ": " + e.getMessage());
            }
        }
    }

    /** The Kafka client settings of {@code kafka.secret-properties-file}, or none. */
    static Map<String, String> kafkaSecretProperties(Map<String, String> values, List<String> problems) {
        String file = values.get(JobOptions.KAFKA_SECRET_PROPERTIES_FILE.name());
        Map<String, String> secrets = new TreeMap<>();
        if (file == null) {
            return secrets;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add(JobOptions.KAFKA_SECRET_PROPERTIES_FILE.name() + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + "); mount the secret file on every Flink client and check its"
                    + " permissions");
        }
        properties.stringPropertyNames().forEach(name -> secrets.put(name, properties.getProperty(name).strip()));
        return secrets;
    }

    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("sasl.jaas.config") || lower.contains("password") || lower.endsWith(".key");
    }
}
