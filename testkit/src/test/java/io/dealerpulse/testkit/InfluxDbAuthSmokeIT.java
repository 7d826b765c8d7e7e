package io.dealerpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An influxd of its own with {@code auth-enabled = true} and a bootstrapped admin. */
class InfluxDbAuthSmokeIT {

  private static final String OPENING = "1700031600000000000";
  private static InfluxEndpoint influx;

  @BeforeAll
  static void start() {
    influx = InfluxOptions.builder().authEnabled().start();
  }

  @AfterAll
  static void close() throws Exception {
    if (influx != null) {
      influx.close();
    }
  }

  @Test
  void theAdminFromTheFirstUserBootstrapIsAnAdminAndTheHelpersUseIt() {
    InfluxCredentials admin = influx.admin().orElseThrow();

    influx.createDatabase("secured");
    influx.write("secured", "footfall,site=S1 count=12i " + OPENING);

    assertThat(influx.query("secured", "SELECT count FROM footfall").at("/results/0/series/0/values/0/1").asInt())
        .isEqualTo(12);
    assertThat(influx.query("", "SHOW USERS").at("/results/0/series/0/values").toString())
        .contains("[\"" + admin.user() + "\",true]");
  }

  @Test
  void anonymousAndWrongPasswordRequestsAreRefused() {
    influx.createDatabase("secured");
    InfluxCredentials wrong = new InfluxCredentials(influx.admin().orElseThrow().user(), "not-the-password");

    assertThat(influx.tryQuery(null, "secured", "SHOW MEASUREMENTS").status()).isEqualTo(401);
    assertThat(influx.tryWrite(null, "secured", "footfall,site=S1 count=1i " + OPENING).status()).isEqualTo(401);
    assertThat(influx.tryQuery(wrong, "secured", "SHOW MEASUREMENTS").status()).isEqualTo(401);
  }

  @Test
  void usersAndTheAdminSurviveARestart() {
    influx.query("", "CREATE USER reader WITH PASSWORD 'reader-secret'");
    influx.createDatabase("kept");
    influx.query("", "GRANT READ ON kept TO reader");

    influx.stop();
    influx.start();

    InfluxCredentials reader = new InfluxCredentials("reader", "reader-secret");
    assertThat(influx.tryQuery(reader, "kept", "SHOW MEASUREMENTS").ok()).isTrue();
    assertThat(influx.tryWrite(reader, "kept", "footfall,site=S1 count=1i " + OPENING).status()).isEqualTo(403);
  }
}
