package io.dealerpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoConfigTextTest {

  private static final MosquittoConfigText.Placement LOCAL = new MosquittoConfigText.Placement(
      "41234 127.0.0.1", "/tmp/kit/persistence/", "/tmp/kit/passwords", "/tmp/kit/acl", "stderr", true);

  @TempDir
  Path dir;

  @Test
  void aTlsListenerPointsAtTheKitsCertificateFiles() {
    MosquittoOptions options = MosquittoOptions.builder().tls("CA", "CERT", "KEY").build();
    MosquittoConfigText.Placement placement = new MosquittoConfigText.Placement("41234 127.0.0.1", "/w/p/",
        "/w/passwords", "/w/acl", "stderr", false, "/w/tls");

    String config = MosquittoConfigText.render(options, placement);

    assertThat(config).contains("listener 41234 127.0.0.1\ncafile /w/tls/ca.pem\ncertfile /w/tls/server.pem\n"
        + "keyfile /w/tls/server.key\n");
    assertThat(options.tls().orElseThrow().toString()).doesNotContain("KEY");
    assertThatThrownBy(() -> MosquittoConfigText.render(options, LOCAL))
        .hasMessageContaining("no place for TLS files");
  }

  @Test
  void defaultConfigListensOnTheKitPortAndAllowsAnonymousClients() {
    String config = MosquittoConfigText.render(MosquittoOptions.defaults(), LOCAL);

    assertThat(config.lines()).contains(
        "user root",
        "listener 41234 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location /tmp/kit/persistence/",
        "log_dest stderr");
    assertThat(config).doesNotContain("password_file", "acl_file");
  }

  @Test
  void usersAndAclTurnOffAnonymousAccessAndPointAtTheKitFiles() {
    MosquittoOptions options = MosquittoOptions.builder()
        .user("agent", "secret")
        .acl("user agent\ntopic readwrite site/#\n")
        .build();

    String config = MosquittoConfigText.render(options, LOCAL);

    assertThat(config.lines()).contains(
        "allow_anonymous false", "password_file /tmp/kit/passwords", "acl_file /tmp/kit/acl");
  }

  @Test
  void siteConfigKeepsItsSettingsAndLosesTheLinesTheKitOwns() throws IOException {
    Path site = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
        "# site broker",
        "per_listener_settings false",
        "listener 8883 0.0.0.0",
        "  certfile /etc/mosquitto/certs/server.crt",
        "persistence true",
        "persistence_location /var/lib/mosquitto/",
        "pid_file /run/mosquitto/mosquitto.pid",
        "log_dest file /var/log/mosquitto/mosquitto.log",
        "password_file /etc/mosquitto/passwd",
        "acl_file /etc/mosquitto/acl",
        "user mosquitto",
        "allow_anonymous false",
        "max_queued_messages 5000",
        ""));
    MosquittoOptions options = MosquittoOptions.builder().baseConfig(site).persistence(false).build();

    String config = MosquittoConfigText.render(options, LOCAL);

    assertThat(config.lines())
        .contains("# site broker", "per_listener_settings false", "allow_anonymous false",
            "max_queued_messages 5000", "#[dealerpulse-testkit] listener 8883 0.0.0.0",
            "#[dealerpulse-testkit]   certfile /etc/mosquitto/certs/server.crt",
            "#[dealerpulse-testkit] user mosquitto", "listener 41234 127.0.0.1", "persistence false")
        .filteredOn(line -> !line.startsWith("#"))
        .noneMatch(line -> line.contains("/var/") || line.contains("/etc/") || line.contains("8883"))
        .doesNotContain("allow_anonymous true")
        .filteredOn(line -> line.startsWith("persistence"))
        .containsExactly("persistence false");
  }
}
