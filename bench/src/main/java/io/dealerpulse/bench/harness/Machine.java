package io.dealerpulse.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine line every harness prints first: a figure means nothing without it. */
public final class Machine {
    private Machine() {}

    public static String describe() {
        return "machine: nproc=" + Runtime.getRuntime().availableProcessors()
                + ", cpu=" + procLine(Path.of("/proc/cpuinfo"), "model name")
                + ", ram=" + procLine(Path.of("/proc/meminfo"), "MemTotal")
                + ", java=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", load(1m)=" + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The 1-minute load average, printed beside each figure (the machine is shared). */
    public static String load() {
        return "load(1m)=" + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String procLine(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
