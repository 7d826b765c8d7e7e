package io.dealerpulse.importer.read;

/**
 * The file as a whole cannot be read (empty, no header, duplicate column names, not a YAML list):
 * nothing of it is imported, and the message says how to fix the file.
 */
public final class FileFormatException extends Exception {
    public FileFormatException(String message) {
        super(message);
    }
}
