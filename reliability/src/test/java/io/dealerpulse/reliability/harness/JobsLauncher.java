package io.dealerpulse.reliability.harness;

import io.dealerpulse.jobs.app.KpiJob;
import java.io.IOException;

/**
 * Main class of the jobs child JVM: the deployable job's own {@link KpiJob#main} (a local Flink
 * cluster in that JVM), plus the watch on standard input of {@link AgentLauncher}: when the test JVM
 * ends, the pipe closes and this JVM halts.
 */
public final class JobsLauncher {
    private JobsLauncher() {}

    public static void main(String[] args) throws Exception {
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
        KpiJob.main(args);
    }
}
