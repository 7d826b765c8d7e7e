package io.dealerpulse.testkit;

import java.util.Objects;

/** An InfluxDB user and password; {@link #toString()} hides the password. */
public record InfluxCredentials(String user, String password) {

  public InfluxCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "InfluxCredentials[user=" + user + ", password=***]";
  }
}
