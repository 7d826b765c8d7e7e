package io.dealerpulse.testkit;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * How to run an influxd of one's own: by default as {@link InfluxDbExtension}'s shared server (no
 * authentication); {@link Builder#authEnabled()} runs it with {@code [http] auth-enabled = true} and an
 * admin user created through InfluxDB's first-user bootstrap (the one statement 1.x accepts without
 * credentials while no user exists). The endpoint's {@link InfluxEndpoint#admin()} then holds the
 * admin credentials, and its {@code query}/{@code write}/{@code createDatabase} helpers use them.
 *
 * <pre>{@code
 * try (InfluxEndpoint influx = InfluxOptions.builder().authEnabled().start()) {
 *   influx.query("", "CREATE USER jobs WITH PASSWORD 'secret'");      // as admin
 *   InfluxAnswer anonymous = influx.tryQuery(null, "kpis", "SHOW MEASUREMENTS");  // 401
 * }
 * }</pre>
 */
public final class InfluxOptions {

  private final InfluxCredentials admin;

  private InfluxOptions(InfluxCredentials admin) {
    this.admin = admin;
  }

  /** No authentication: what {@link InfluxDbExtension} runs. */
  public static InfluxOptions defaults() {
    return new InfluxOptions(null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The admin to bootstrap; empty = authentication off. */
  public Optional<InfluxCredentials> admin() {
    return Optional.ofNullable(admin);
  }

  /** Builds {@link InfluxOptions}. */
  public static final class Builder {
    private InfluxCredentials admin;

    private Builder() {}

    /** Authentication on, with admin {@code admin} and a random password. */
    public Builder authEnabled() {
      return authEnabled("admin", randomPassword());
    }

    /** Authentication on, with this admin user. */
    public Builder authEnabled(String adminUser, String adminPassword) {
      this.admin = new InfluxCredentials(adminUser, adminPassword);
      return this;
    }

    public InfluxOptions build() {
      return new InfluxOptions(admin);
    }

    /** Starts an influxd with these options from the selected {@link TestServers} provider; the caller closes it. */
    public InfluxEndpoint start() {
      return TestServers.current().startInflux(build());
    }

    private static String randomPassword() {
      String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      SecureRandom random = new SecureRandom();
      StringBuilder password = new StringBuilder();
      for (int i = 0; i < 24; i++) {
        password.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return password.toString();
    }
  }
}
