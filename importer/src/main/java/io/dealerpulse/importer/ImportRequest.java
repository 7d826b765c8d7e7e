package io.dealerpulse.importer;

import io.dealerpulse.importer.read.FileFormat;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One import: the stream and file, the source name (part of every id), an optional registry file
 * (site check and time zones), the network key (appointments only, else null) and the run's instant
 * (received time of every row).
 */
public record ImportRequest(StreamKind stream, Path file, FileFormat format, String source, Path registryFile,
        byte[] networkKey, Instant now) {

    /** The file's name as it appears in dead-letter sources ({@code import:<file>:<line>}). */
    public String fileName() {
        return file.getFileName().toString();
    }
}
