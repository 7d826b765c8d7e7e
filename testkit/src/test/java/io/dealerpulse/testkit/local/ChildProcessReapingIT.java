package io.dealerpulse.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.testkit.local.process.LeftoverReaper;
import io.dealerpulse.testkit.local.process.LogFiles;
import io.dealerpulse.testkit.local.process.Pids;
import io.dealerpulse.testkit.local.process.TestkitDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers started by the kit must not outlive their JVM, even when it is killed with SIGKILL. These
 * tests start the servers in a separate JVM ({@link ServersInChildJvm}) and kill it.
 *
 * <p>The child JVM gets a kit directory of its own: other test JVMs on the machine reap leftovers in
 * the shared one, and would otherwise race this test for the orphans it makes on purpose.
 */
class ChildProcessReapingIT {

  @TempDir
  Path kitDir;

  private Process childJvm;

  @AfterEach
  void killChildJvm() {
    if (childJvm != null) {
      childJvm.descendants().forEach(ProcessHandle::destroyForcibly);
      childJvm.destroyForcibly();
    }
  }

  @Test
  void serversDieWithAJvmKilledBySigkill() throws Exception {
    Map<String, Long> servers = startChildJvm();
    assertThat(servers.values()).allMatch(ChildProcessReapingIT::isAlive);

    childJvm.destroyForcibly();  // SIGKILL: no shutdown hook, no JUnit cleanup runs
    childJvm.waitFor(10, TimeUnit.SECONDS);

    await("servers of the killed JVM to exit").atMost(Duration.ofSeconds(5))
        .until(() -> servers.values().stream().noneMatch(ChildProcessReapingIT::isAlive));
  }

  @Test
  void nextStartReapsServersWhoseSupervisorsWereKilledToo() throws Exception {
    Map<String, Long> servers = startChildJvm();
    // Kill everything but the servers, so that nothing is left to stop them: the case the pidfiles
    // are for. Watchers first: once a supervisor's main shell is gone, the JVM closes that pipe and
    // its watcher would stop the server.
    List<ProcessHandle> supervisors = childJvm.children().toList();
    supervisors.stream()
        .flatMap(ProcessHandle::children)
        .filter(process -> !servers.containsValue(process.pid()))
        .forEach(ProcessHandle::destroyForcibly);
    supervisors.forEach(ProcessHandle::destroyForcibly);
    childJvm.destroyForcibly();
    childJvm.waitFor(10, TimeUnit.SECONDS);
    assertThat(servers.values()).as("orphaned servers").allMatch(ChildProcessReapingIT::isAlive);

    List<Long> reaped = LeftoverReaper.reap(kitDir);

    assertThat(reaped).containsAll(servers.values());
    await("reaped servers to exit").atMost(Duration.ofSeconds(10))
        .until(() -> servers.values().stream().noneMatch(ChildProcessReapingIT::isAlive));
  }

  /** Starts {@link ServersInChildJvm} and returns its server pids by name once they are ready. */
  private Map<String, Long> startChildJvm() throws Exception {
    Path stderr = LogFiles.create("child-jvm");
    childJvm = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-D" + TestkitDirs.DIR_PROPERTY + "=" + kitDir,
        ServersInChildJvm.class.getName())
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
        .start();
    Map<String, Long> servers = CompletableFuture.supplyAsync(this::readPidsFromChild)
        .get(60, TimeUnit.SECONDS);
    assertThat(servers).as("pids printed by the child JVM (stderr in %s)", stderr)
        .containsOnlyKeys(Set.of("mosquitto", "influxd"));
    return servers;
  }

  private Map<String, Long> readPidsFromChild() {
    Map<String, Long> pids = new HashMap<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(childJvm.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null && !line.equals(ServersInChildJvm.READY); line = out.readLine()) {
        String[] nameAndPid = line.split("=", 2);
        pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1].trim()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the child JVM's output", e);
    }
    return pids;
  }

  private static boolean isAlive(long pid) {
    return Pids.isRunning(pid);
  }
}
