package io.dealerpulse.agent.quarantine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded on-site store of raw payloads that left the site only in redacted form (rejected kiosk
 * messages), one file per dead letter named by its id, so a site's IT person can look at what a kiosk
 * really sent. When a cap (files or bytes) is reached the oldest files are deleted: the newest
 * problems are the useful ones. Each eviction is counted as dropped.
 *
 * <p>Writes are idempotent (same id, same file), so a message redelivered after a crash just
 * rewrites its file.
 */
public final class Quarantine {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    private static final String SUFFIX = ".raw";

    private final Path dir;
    private final int maxFiles;
    private final long maxBytes;
    private final Deque<Path> files = new ArrayDeque<>();
    private long bytes;

    public Quarantine(Path dir, int maxFiles, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        Files.createDirectories(dir);
        try (Stream<Path> existing = Files.list(dir)) {
            List<Path> sorted = existing.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(Quarantine::modified)).toList();
            for (Path p : sorted) {
                files.addLast(p);
                bytes += Files.size(p);
            }
        }
    }

    /** Keeps {@code raw} under {@code id}; returns how many older files were evicted to make room. */
    public synchronized int keep(String id, byte[] raw) {
        Path file = dir.resolve(id.replaceAll("[^A-Za-z0-9_-]", "_") + SUFFIX);
        try {
            if (Files.exists(file)) {
                return 0;
            }
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.write(tmp, raw);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.addLast(file);
            bytes += raw.length;
        } catch (IOException e) {
            LOG.warn("Could not keep a rejected kiosk payload in the quarantine folder {} ({}); its redacted form"
                    + " still goes to the dead-letter topic. Check free disk space.", dir, e.toString());
            return 1;
        }
        int evicted = 0;
        while (files.size() > maxFiles || (bytes > maxBytes && files.size() > 1)) {
            Path oldest = files.removeFirst();
            try {
                bytes -= Files.size(oldest);
                Files.deleteIfExists(oldest);
                evicted++;
            } catch (IOException e) {
                LOG.warn("Could not delete old quarantine file {}: {}", oldest, e.toString());
            }
        }
        return evicted;
    }

    public synchronized int size() {
        return files.size();
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
