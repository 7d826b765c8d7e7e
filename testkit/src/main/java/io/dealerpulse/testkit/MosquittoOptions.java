package io.dealerpulse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a mosquitto broker: optionally from a site's own {@code mosquitto.conf}, with
 * persistence, users and an ACL. The kit owns the listener, files and logging; see
 * {@link MosquittoConfigText} for what it changes in a base config.
 *
 * <pre>{@code
 * try (MosquittoEndpoint broker = MosquittoOptions.builder()
 *     .baseConfig(Path.of("src/main/dist/mosquitto.conf"))
 *     .user("agent", "agent-secret")
 *     .acl("user agent\ntopic readwrite site/+/#\n")
 *     .start()) {
 *   // connect to broker.uri() as agent/agent-secret
 * }
 * }</pre>
 */
public final class MosquittoOptions {

  private final Path baseConfig;
  private final boolean persistence;
  private final Map<String, String> users;
  private final String acl;
  private final Tls tls;

  /**
   * A TLS listener instead of plain MQTT: PEM texts of the CA that signed the server certificate, the
   * server certificate and its private key. The kit writes them next to the config.
   */
  public record Tls(String caPem, String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "Tls[key hidden]";
    }
  }

  private MosquittoOptions(Builder builder) {
    this.baseConfig = builder.baseConfig;
    this.persistence = builder.persistence;
    this.users = Collections.unmodifiableMap(new LinkedHashMap<>(builder.users));
    this.acl = builder.acl;
    this.tls = builder.tls;
  }

  /** Anonymous access, persistence on, no ACL: what {@link MosquittoExtension} runs. */
  public static MosquittoOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Path> baseConfig() {
    return Optional.ofNullable(baseConfig);
  }

  /** The base config's text, or an empty string without one. */
  public String baseConfigText() {
    if (baseConfig == null) {
      return "";
    }
    try {
      return Files.readString(baseConfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mosquitto base config " + baseConfig, e);
    }
  }

  public boolean persistence() {
    return persistence;
  }

  /** User name to clear-text password; empty for anonymous access. */
  public Map<String, String> users() {
    return users;
  }

  /** The ACL file's text, if access is restricted. */
  public Optional<String> acl() {
    return Optional.ofNullable(acl);
  }

  /** The TLS listener's material, when the broker serves MQTT over TLS ({@code ssl://}). */
  public Optional<Tls> tls() {
    return Optional.ofNullable(tls);
  }

  public static final class Builder {

    private Path baseConfig;
    private boolean persistence = true;
    private final Map<String, String> users = new LinkedHashMap<>();
    private String acl;
    private Tls tls;

    private Builder() {}

    /** A site's {@code mosquitto.conf} to start from; the kit copies it, never edits it. */
    public Builder baseConfig(Path mosquittoConf) {
      this.baseConfig = Objects.requireNonNull(mosquittoConf, "mosquittoConf");
      return this;
    }

    /**
     * Whether mosquitto keeps sessions and retained messages in a database that survives restarts.
     * On by default, since outage tests depend on it.
     */
    public Builder persistence(boolean enabled) {
      this.persistence = enabled;
      return this;
    }

    /** Adds a user to the password file; with any user, anonymous access is off by default. */
    public Builder user(String name, String password) {
      users.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
      return this;
    }

    /** The text of a mosquitto ACL file ({@code user ...}, {@code topic read|write|readwrite ...}). */
    public Builder acl(String aclText) {
      this.acl = Objects.requireNonNull(aclText, "aclText");
      return this;
    }

    /** Serves MQTT over TLS with this server certificate; clients connect to {@code ssl://host:port}. */
    public Builder tls(String caPem, String certificatePem, String privateKeyPem) {
      this.tls = new Tls(Objects.requireNonNull(caPem, "caPem"),
          Objects.requireNonNull(certificatePem, "certificatePem"),
          Objects.requireNonNull(privateKeyPem, "privateKeyPem"));
      return this;
    }

    public MosquittoOptions build() {
      return new MosquittoOptions(this);
    }

    /** Starts a broker with these options from the selected {@link TestServers} provider. */
    public MosquittoEndpoint start() {
      return TestServers.current().startMosquitto(build());
    }
  }
}
