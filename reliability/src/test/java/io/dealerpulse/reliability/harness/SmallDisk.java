package io.dealerpulse.reliability.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small filesystem for the outbox: a size-limited tmpfs mounted for the test. It runs out of
 * space the way a site PC's disk does (the kernel answers ENOSPC), unlike a size cap inside the
 * database. Filling it ({@link #fill()}) and freeing it ({@link #free()}) use a filler file beside the
 * outbox. Mounting needs root (or CAP_SYS_ADMIN); without it the test fails and says so.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (created) and checks that it is one. */
    public static SmallDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        if (isMountPoint(mountPoint)) {
            run("umount", "-l", mountPoint.toString());   // a leftover of a killed run
        }
        String output;
        try {
            output = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs",
                    mountPoint.toString());
        } catch (IOException e) {
            output = e.getMessage();   // no mount command at all
        }
        if (output != null) {
            throw new AssertionError("The disk-full test needs a small real filesystem for the outbox and could not"
                    + " mount one: 'mount -t tmpfs -o size=" + megabytes + "m tmpfs " + mountPoint + "' said: "
                    + output.strip() + ". Run the suite as root (or in a container with CAP_SYS_ADMIN, e.g."
                    + " docker run --cap-add SYS_ADMIN); a database size cap is not a full disk, so this test is"
                    + " never skipped.");
        }
        SmallDisk disk = new SmallDisk(mountPoint);
        FileStore store = Files.getFileStore(mountPoint);
        if (!isMountPoint(mountPoint) || !"tmpfs".equals(store.type())
                || store.getTotalSpace() > (megabytes + 1L) * 1024 * 1024) {
            disk.close();
            throw new AssertionError("mount reported success but " + mountPoint + " is not a " + megabytes
                    + " MB tmpfs (type " + store.type() + ", " + store.getTotalSpace() + " bytes)");
        }
        return disk;
    }

    public Path path() {
        return mountPoint;
    }

    public long usableBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Writes the filler until the kernel refuses (ENOSPC); returns the bytes now free (0 on tmpfs). */
    public long fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (int size = chunk.length; size >= 512; size /= 2) {
                try {
                    while (true) {
                        out.write(chunk, 0, size);
                        out.flush();
                    }
                } catch (IOException full) {
                    // "No space left on device": try smaller writes to take the last pages too
                }
            }
        } catch (IOException closeOnFullDisk) {
            // closing may fail to flush the last partial write; the disk is full either way
        }
        return usableBytes();
    }

    /** Deletes the filler: the space returns. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Unmounts (lazily if a file is still open) and removes the mount point. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (isMountPoint(mountPoint)) {
            String output = run("umount", mountPoint.toString());
            if (output != null) {
                run("umount", "-l", mountPoint.toString());
            }
        }
        Files.deleteIfExists(mountPoint);
    }

    private static boolean isMountPoint(Path dir) throws IOException {
        String target = dir.toAbsolutePath().normalize().toString();
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" "))
                .anyMatch(fields -> fields.length > 1 && fields[1].equals(target));
    }

    /** Runs a command; null on success, else its output and exit status. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        String output = new String(p.getInputStream().readAllBytes());
        return p.exitValue() == 0 ? null : output + " (exit status " + p.exitValue() + ")";
    }
}
