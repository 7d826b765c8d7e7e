package io.dealerpulse.importer.cli;

/** The command line or its inputs are wrong; the message says what to change. Exit code 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
