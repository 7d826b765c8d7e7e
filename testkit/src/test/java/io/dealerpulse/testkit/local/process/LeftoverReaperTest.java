package io.dealerpulse.testkit.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverReaperTest {

  @TempDir
  Path kitRoot;

  /** Stands in for a server: a process the reaper must not kill, since it is not mosquitto/influxd. */
  private Process bystander;

  @BeforeEach
  void startBystander() throws IOException {
    bystander = new ProcessBuilder("sleep", "30").start();
    Files.createDirectories(TestkitDirs.pidDir(kitRoot));
  }

  @AfterEach
  void stopBystander() {
    bystander.destroyForcibly();
  }

  @Test
  void leavesTheFilesOfRunningJvmsAlone() throws IOException {
    long thisJvm = ProcessHandle.current().pid();
    Path pidFile = writePidFile(thisJvm + "-mosquitto-1.pid", bystander.pid());
    Path workDir = Files.createDirectories(TestkitDirs.workRoot(kitRoot).resolve(Long.toString(thisJvm)));

    assertThat(LeftoverReaper.reap(kitRoot)).isEmpty();

    assertThat(pidFile).exists();
    assertThat(workDir).exists();
  }

  @Test
  void forgetsADeadJvmsPidfileWithoutKillingAProcessThatIsNotOneOfOurServers() throws Exception {
    long deadJvm = deadPid();
    Path pidFile = writePidFile(deadJvm + "-mosquitto-1.pid", bystander.pid());
    Path workDir = Files.createDirectories(TestkitDirs.workRoot(kitRoot).resolve(deadJvm + "/mosquitto-1"));

    assertThat(LeftoverReaper.reap(kitRoot)).isEmpty();

    assertThat(bystander.isAlive()).isTrue();
    assertThat(pidFile).doesNotExist();
    assertThat(workDir.getParent()).doesNotExist();
  }

  private Path writePidFile(String name, long pid) throws IOException {
    return Files.writeString(TestkitDirs.pidDir(kitRoot).resolve(name), pid + "\n");
  }

  /** The pid of a process that has exited (pids are handed out in order, so not reused soon). */
  private static long deadPid() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    return done.pid();
  }
}
