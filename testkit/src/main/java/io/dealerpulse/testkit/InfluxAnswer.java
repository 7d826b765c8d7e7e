package io.dealerpulse.testkit;

/**
 * What InfluxDB answered to a request that is allowed to fail ({@link InfluxEndpoint#tryQuery},
 * {@link InfluxEndpoint#tryWrite}): the HTTP status and body, e.g. 401 for a missing or wrong
 * password, 403 for a user without the privilege, 204 for an accepted write.
 */
public record InfluxAnswer(int status, String body) {

  /** True for a 2xx answer without an {@code "error"} in its body. */
  public boolean ok() {
    return status / 100 == 2 && !body.contains("\"error\"");
  }
}
