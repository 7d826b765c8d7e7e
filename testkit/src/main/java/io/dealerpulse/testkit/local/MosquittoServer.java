package io.dealerpulse.testkit.local;

import io.dealerpulse.testkit.MosquittoConfigText;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.local.process.Binaries;
import io.dealerpulse.testkit.local.process.FreePorts;
import io.dealerpulse.testkit.local.process.LeftoverReaper;
import io.dealerpulse.testkit.local.process.LogFiles;
import io.dealerpulse.testkit.local.process.Readiness;
import io.dealerpulse.testkit.local.process.SupervisedProcess;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * mosquitto from the machine's {@code mosquitto} package, on a free loopback port, with its config,
 * password file, ACL and persistence directory in a work directory of the kit (see
 * {@link TestkitDirs}) and its output in {@code target/testkit-logs/mosquitto-<n>.log}.
 */
public final class MosquittoServer implements MosquittoEndpoint {

  static final String INSTALL_HINT = "apt-get install -y mosquitto mosquitto-clients";
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path binary;
  private final Path workDir;
  private final Path config;
  private final Path log;
  private final int port;
  private SupervisedProcess process;

  private MosquittoServer(Path binary, Path workDir, Path config, Path log, int port) {
    this.binary = binary;
    this.workDir = workDir;
    this.config = config;
    this.log = log;
    this.port = port;
  }

  /** Starts a broker and returns once it accepts connections. */
  public static MosquittoServer launch(MosquittoOptions options) {
    Path binary = Binaries.require("mosquitto", INSTALL_HINT);
    LeftoverReaper.reapOnce();
    Path workDir = TestkitDirs.newWorkDir("mosquitto");
    int port = FreePorts.pick();
    MosquittoConfigText.Placement placement = new MosquittoConfigText.Placement(
        port + " " + HOST,
        workDir.resolve("persistence") + "/",
        workDir.resolve("passwords").toString(),
        workDir.resolve("acl").toString(),
        "stderr",
        isRoot(),
        workDir.resolve("tls").toString());
    try {
      Files.createDirectories(workDir.resolve("persistence"));
      if (!options.users().isEmpty()) {
        PasswordFile.write(workDir.resolve("passwords"), options.users());
      }
      if (options.tls().isPresent()) {
        Path tls = Files.createDirectories(workDir.resolve("tls"));
        Files.writeString(tls.resolve(MosquittoConfigText.CA_FILE), options.tls().get().caPem());
        Files.writeString(tls.resolve(MosquittoConfigText.CERT_FILE), options.tls().get().certificatePem());
        Files.writeString(tls.resolve(MosquittoConfigText.KEY_FILE), options.tls().get().privateKeyPem());
      }
      if (options.acl().isPresent()) {
        Files.writeString(workDir.resolve("acl"), options.acl().get());
      }
      Path config = Files.writeString(workDir.resolve("mosquitto.conf"),
          MosquittoConfigText.render(options, placement));
      MosquittoServer server = new MosquittoServer(binary, workDir, config, LogFiles.create("mosquitto"), port);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare mosquitto in " + workDir, e);
    }
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
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
    process = SupervisedProcess.start("mosquitto", List.of(binary.toString(), "-c", config.toString()),
        TestkitDirs.pidFileFor(workDir), log, STOP_GRACE);
    Readiness.await("mosquitto on " + HOST + ":" + port, process, READY_TIMEOUT,
        () -> Readiness.acceptsConnections(HOST, port));
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      process.stop();
    }
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      process.kill();
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
    return "mosquitto at " + uri() + " (log " + log + ")";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
