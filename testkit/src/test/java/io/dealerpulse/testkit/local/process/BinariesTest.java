package io.dealerpulse.testkit.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinariesTest {

  @Test
  void missingBinaryFailsWithOneLineThatSaysHowToInstallIt() {
    assertThatThrownBy(() -> Binaries.require("no-such-server-4f2a", "apt-get install -y no-such-server"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no-such-server-4f2a not found: install it with 'apt-get install -y no-such-server'");
  }

  @Test
  void findsDaemonsInSbinEvenWhenPathLacksIt() {
    // ldconfig (package libc-bin) is in /sbin or /usr/sbin on every Debian system.
    assertThat(Binaries.find("ldconfig", "/nonexistent")).isPresent();
  }
}
