package io.dealerpulse.reliability.harness;

import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.local.MosquittoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes mosquitto write its persistence database now ({@code SIGUSR1}, see {@code man mosquitto}), as
 * its {@code autosave_interval} timer (60 s in the shipped config) would, and waits until the file is
 * written. Lets a test put "the last save" at a known point instead of waiting a minute for the timer.
 */
public final class BrokerSave {
    private BrokerSave() {}

    /**
     * Signals the broker and, with persistence on, waits until {@code mosquitto.db} is rewritten; with
     * persistence off mosquitto ignores the signal and this returns after a short pause.
     */
    public static void saveNow(MosquittoEndpoint broker, boolean persistence) throws Exception {
        if (!(broker instanceof MosquittoServer server)) {
            throw new IllegalStateException("saving on demand needs the local mosquitto provider (the default), not "
                    + broker.getClass().getName());
        }
        long pid = server.pid();
        Path db = persistenceFile(pid);
        FileTime before = Files.exists(db) ? Files.getLastModifiedTime(db) : FileTime.fromMillis(0);
        Thread.sleep(20);   // so that a rewrite shows as a later modification time
        Process kill = new ProcessBuilder(List.of("kill", "-USR1", Long.toString(pid))).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -USR1 " + pid + " failed");
        }
        if (!persistence) {
            Thread.sleep(500);
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(db) && Files.getLastModifiedTime(db).compareTo(before) > 0) {
                Thread.sleep(200);   // mosquitto writes a temporary file and renames it; let it finish
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("mosquitto (pid " + pid + ") did not write " + db + " within 10 s of SIGUSR1");
    }

    /** {@code <persistence_location>/mosquitto.db}, read from the config named on the broker's command line. */
    private static Path persistenceFile(long pid) throws IOException {
        String[] args = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-c")) {
                Path config = Path.of(args[i + 1]);
                String location = Files.readAllLines(config).stream()
                        .filter(line -> line.startsWith("persistence_location "))
                        .map(line -> line.substring("persistence_location ".length()).trim())
                        .reduce((first, last) -> last)
                        .orElse(config.getParent().toString());
                return Path.of(location, "mosquitto.db");
            }
        }
        throw new IllegalStateException("mosquitto pid " + pid + " was started without -c <config>");
    }
}
