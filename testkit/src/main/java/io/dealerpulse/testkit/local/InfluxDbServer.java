package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.InfluxAnswer;
import io.dealerpulse.testkit.InfluxCredentials;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.InfluxOptions;
import io.dealerpulse.testkit.local.process.Binaries;
import io.dealerpulse.testkit.local.process.FreePorts;
import io.dealerpulse.testkit.local.process.LeftoverReaper;
import io.dealerpulse.testkit.local.process.LogFiles;
import io.dealerpulse.testkit.local.process.Readiness;
import io.dealerpulse.testkit.local.process.SupervisedProcess;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * influxd 1.x from the machine's {@code influxdb} package, with free loopback ports, its meta, data and
 * WAL directories in a work directory of the kit (see {@link TestkitDirs}) and its output in
 * {@code target/testkit-logs/influxd-<n>.log}.
 */
public final class InfluxDbServer implements InfluxEndpoint {

  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final HttpClient PING_CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofMillis(500))
      .build();

  private final Path binary;
  private final Path workDir;
  private final Path config;
  private final Path log;
  private final int httpPort;
  private final InfluxCredentials admin;
  private SupervisedProcess process;
  private boolean adminCreated;

  private InfluxDbServer(Path binary, Path workDir, Path config, Path log, int httpPort, InfluxCredentials admin) {
    this.binary = binary;
    this.workDir = workDir;
    this.config = config;
    this.log = log;
    this.httpPort = httpPort;
    this.admin = admin;
  }

  /** Starts influxd without authentication and returns once {@code /ping} answers. */
  public static InfluxDbServer launch() {
    return launch(InfluxOptions.defaults());
  }

  /**
   * Starts influxd with {@code options} and returns once {@code /ping} answers and, with
   * authentication, once the admin user exists.
   */
  public static InfluxDbServer launch(InfluxOptions options) {
    Path binary = Binaries.require("influxd", "apt-get install -y influxdb");
    LeftoverReaper.reapOnce();
    Path workDir = TestkitDirs.newWorkDir("influxd");
    int httpPort = FreePorts.pick();
    int rpcPort = FreePorts.pick();
    try {
      Path config = Files.writeString(workDir.resolve("influxdb.conf"),
          InfluxConfigText.render(workDir, HOST, httpPort, rpcPort, options.admin().isPresent()));
      InfluxDbServer server = new InfluxDbServer(binary, workDir, config, LogFiles.create("influxd"), httpPort,
          options.admin().orElse(null));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare influxd in " + workDir, e);
    }
  }

  @Override
  public String url() {
    return "http://" + HOST + ":" + httpPort;
  }

  /** The supervised process's pid while it runs, e.g. to check it died with the JVM. */
  public long pid() {
    return process.pid();
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    process = SupervisedProcess.start("influxd", List.of(binary.toString(), "run", "-config", config.toString()),
        TestkitDirs.pidFileFor(workDir), log, STOP_GRACE);
    Readiness.await("influxd at " + url(), process, READY_TIMEOUT, this::answersPing);
    if (admin != null && !adminCreated) {
      bootstrapAdmin();
    }
  }

  @Override
  public Optional<InfluxCredentials> admin() {
    return Optional.ofNullable(admin);
  }

  /**
   * InfluxDB 1.x with authentication and no user yet accepts exactly one statement without
   * credentials: creating an admin. Users live in the meta directory, so a restart keeps it.
   */
  private void bootstrapAdmin() {
    String statement = "CREATE USER \"" + admin.user() + "\" WITH PASSWORD '"
        + admin.password().replace("\\", "\\\\").replace("'", "\\'") + "' WITH ALL PRIVILEGES";
    InfluxAnswer answer = tryQuery(null, "", statement);
    if (!answer.ok()) {
      throw new IllegalStateException("influxd at " + url() + " refused the first-user bootstrap of admin '"
          + admin.user() + "': HTTP " + answer.status() + " " + answer.body() + " (log " + log + ")");
    }
    adminCreated = true;
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      process.stop();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized void close() {
    stop();
    TestkitDirs.deleteRecursively(workDir);
  }

  @Override
  public String toString() {
    return "influxd at " + url() + (admin == null ? "" : " with authentication") + " (log " + log + ")";
  }

  private boolean answersPing() {
    HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping"))
        .timeout(Duration.ofSeconds(1))
        .build();
    try {
      return PING_CLIENT.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
