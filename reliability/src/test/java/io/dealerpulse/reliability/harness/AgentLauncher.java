package io.dealerpulse.reliability.harness;

import io.dealerpulse.agent.AgentMain;
import java.io.IOException;

/**
 * Main class of the agent child JVM: the real {@link AgentMain}, plus a watch on standard input, a
 * pipe from the test JVM. When the test JVM ends for any reason (SIGKILL included) the pipe closes and
 * this JVM halts, so no agent outlives a test run (the testkit's servers follow the same rule).
 */
public final class AgentLauncher {
    private AgentLauncher() {}

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test JVM never writes; read returns -1 at EOF only
                }
            } catch (IOException ignored) {
                // a broken pipe is an EOF too
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        AgentMain.main(args);
    }
}
