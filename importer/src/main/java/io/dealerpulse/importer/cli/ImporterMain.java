package io.dealerpulse.importer.cli;

import java.time.Clock;

/** {@code java -jar dealerpulse-importer.jar ...}: see {@link CommandLine#USAGE} and docs/importers.md. */
public final class ImporterMain {
    private ImporterMain() {}

    public static void main(String[] args) {
        System.exit(new ImporterCli(System.out, System.err, System.getenv(), Clock.systemUTC()).run(args));
    }
}
