package io.dealerpulse.testkit;

import static io.dealerpulse.testkit.MqttTestClient.anonymous;
import static io.dealerpulse.testkit.MqttTestClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MosquittoExtension.class)
class MosquittoSmokeIT {

  /** MQTT 5 reason codes. */
  private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
  private static final int NOT_AUTHORIZED = 0x87;
  private static final int FIRST_ERROR_CODE = 0x80;

  @TempDir
  Path dir;

  @Test
  void subscriberReceivesQos1Publish(MosquittoEndpoint mqtt) throws Exception {
    try (MqttTestClient subscriber = MqttTestClient.connect(mqtt, "subscriber", anonymous());
        MqttTestClient publisher = MqttTestClient.connect(mqtt, "publisher", anonymous())) {
      subscriber.subscribe("site/S1/footfall");

      assertThat(publisher.publish("site/S1/footfall", "12")).isLessThan(FIRST_ERROR_CODE);

      assertThat(subscriber.next()).isEqualTo("12");
    }
  }

  @Test
  void persistentSessionSurvivesABrokerRestartOnTheSamePort(MosquittoEndpoint mqtt) throws Exception {
    int port = mqtt.port();
    MqttConnectionOptions persistentSession = anonymous();
    persistentSession.setCleanStart(false);
    persistentSession.setSessionExpiryInterval(300L);
    try (MqttTestClient agent = MqttTestClient.connect(mqtt, "agent-session", persistentSession)) {
      agent.subscribe("site/S1/kiosk");
    }
    try (MqttTestClient kiosk = MqttTestClient.connect(mqtt, "kiosk", anonymous())) {
      kiosk.publish("site/S1/kiosk", "queued while the agent was away");
    }

    mqtt.stop();
    assertThat(mqtt.isRunning()).isFalse();
    mqtt.start();

    assertThat(mqtt.port()).isEqualTo(port);
    try (MqttTestClient agent = MqttTestClient.connect(mqtt, "agent-session", persistentSession)) {
      assertThat(agent.next()).isEqualTo("queued while the agent was away");
    }
  }

  @Test
  void killedBrokerComesBackOnTheSamePort(MosquittoEndpoint mqtt) throws Exception {
    mqtt.kill();
    assertThat(mqtt.isRunning()).isFalse();

    mqtt.start();

    try (MqttTestClient client = MqttTestClient.connect(mqtt, "after-crash", anonymous())) {
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void passwordsAndAclAreEnforced() throws Exception {
    try (MosquittoEndpoint secured = MosquittoOptions.builder()
        .user("agent", "agent-secret")
        .user("kiosk", "kiosk-secret")
        .acl(String.join("\n",
            "user agent",
            "topic read site/#",
            "user kiosk",
            "topic write site/S1/kiosk",
            ""))
        .start()) {

      // mosquitto 2.0.11 answers a wrong password with "not authorized"; later versions may send
      // "bad user name or password". Either is a refusal.
      assertThatThrownBy(() -> MqttTestClient.connect(secured, "intruder", as("kiosk", "wrong")))
          .isInstanceOfSatisfying(MqttException.class,
              e -> assertThat(e.getReasonCode()).isIn(BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED));

      try (MqttTestClient agent = MqttTestClient.connect(secured, "agent", as("agent", "agent-secret"));
          MqttTestClient kiosk = MqttTestClient.connect(secured, "kiosk", as("kiosk", "kiosk-secret"))) {
        agent.subscribe("site/#");

        assertThat(kiosk.publish("site/S2/kiosk", "not my site")).isEqualTo(NOT_AUTHORIZED);
        assertThat(kiosk.publish("site/S1/kiosk", "mine")).isLessThan(FIRST_ERROR_CODE);

        // Messages arrive in order, so the allowed one coming first proves the denied one was dropped.
        assertThat(agent.next()).isEqualTo("mine");
      }
    }
  }

  @Test
  void startsFromASiteConfigOnTheKitsOwnPort() throws Exception {
    Path siteConfig = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
        "listener 1883 0.0.0.0",
        "persistence_location /var/lib/mosquitto/",
        "log_dest file /var/log/mosquitto/mosquitto.log",
        "allow_anonymous true",
        "max_inflight_messages 10",
        ""));

    try (MosquittoEndpoint site = MosquittoOptions.builder().baseConfig(siteConfig).start();
        MqttTestClient device = MqttTestClient.connect(site, "device", anonymous())) {
      device.subscribe("site/S1/#");
      device.publish("site/S1/door", "open");

      assertThat(site.port()).isNotEqualTo(1883);
      assertThat(device.next()).isEqualTo("open");
    }
  }
}
