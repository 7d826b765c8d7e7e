package io.dealerpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfluxDbExtension.class)
class InfluxDbSmokeIT {

  private static final String OPENING = "1700031600000000000";  // 2023-11-15T07:00:00Z in ns
  private static final String FIFTEEN_MINUTES_LATER = "1700032500000000000";

  @Test
  void writtenPointsComeBackFromAnInfluxQlQuery(InfluxEndpoint influx) {
    influx.createDatabase("smoke");

    influx.write("smoke", String.join("\n",
        "footfall,site=S1 count=12i " + OPENING,
        "footfall,site=S1 count=7i " + FIFTEEN_MINUTES_LATER));

    JsonNode series = influx.query("smoke", "SELECT count, site FROM footfall").at("/results/0/series/0");
    assertThat(series.get("name").asText()).isEqualTo("footfall");
    assertThat(series.get("values").toString())
        .isEqualTo("[[\"2023-11-15T07:00:00Z\",12,\"S1\"],[\"2023-11-15T07:15:00Z\",7,\"S1\"]]");
  }

  @Test
  void dataSurvivesARestartAtTheSameUrl(InfluxEndpoint influx) {
    influx.createDatabase("outage");
    influx.write("outage", "queue,site=S2 waiting=3i " + OPENING);
    String url = influx.url();

    influx.stop();
    assertThat(influx.isRunning()).isFalse();
    influx.start();

    assertThat(influx.url()).isEqualTo(url);
    assertThat(influx.query("outage", "SELECT waiting FROM queue").at("/results/0/series/0/values/0/1").asInt())
        .isEqualTo(3);
  }

  @Test
  void theSharedServerHasNoAuthentication(InfluxEndpoint influx) {
    influx.createDatabase("open");

    assertThat(influx.admin()).isEmpty();
    assertThat(influx.tryWrite(null, "open", "door,site=S1 count=1i " + OPENING).status()).isEqualTo(204);
  }

  @Test
  void rejectedQueryAndWriteFailWithInfluxDbsMessage(InfluxEndpoint influx) {
    influx.createDatabase("errors");

    assertThatThrownBy(() -> influx.query("errors", "SELEC nothing"))
        .hasMessageContaining("error parsing query");
    assertThatThrownBy(() -> influx.write("errors", "not line protocol"))
        .hasMessageContaining("HTTP 400");
  }
}
