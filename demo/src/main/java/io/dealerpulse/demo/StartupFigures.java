package io.dealerpulse.demo;

import io.dealerpulse.simulator.publish.HistoryBackfill;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Where the demo's start-up time went, printed once the back-fill is done: the figures behind the
 * "every site has a score within a minute" goal, measured where the demo runs instead of guessed.
 */
final class StartupFigures {
    private final long startNanos = System.nanoTime();
    private final long startCpuNanos = processCpuNanos();
    private long serversNanos;
    private long jobNanos;

    void serversReady() {
        serversNanos = System.nanoTime();
    }

    void jobStarted() {
        jobNanos = System.nanoTime();
    }

    String backfilled(HistoryBackfill.Summary summary) {
        long now = System.nanoTime();
        return String.format(Locale.ROOT, "Ready %.1f s after start: servers %.1f s, Flink job %.1f s, back-fill %.1f s"
                + " (%d pauses for the job, %.1f s); %.0f s of CPU so far on %d cores, load average %.1f",
                seconds(now - startNanos), seconds(serversNanos - startNanos), seconds(jobNanos - serversNanos),
                seconds(now - jobNanos), summary.pauses(), summary.waited().toMillis() / 1000.0,
                seconds(processCpuNanos() - startCpuNanos), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
