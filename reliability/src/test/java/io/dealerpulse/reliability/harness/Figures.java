package io.dealerpulse.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one test run (events, kills, losses, duplicates, drain time...), printed to the test's
 * output and appended to {@code target/reliability-figures.md}, where docs/reliability.md's tables come from.
 */
public final class Figures {
    private static final Path FILE = Path.of("target", "reliability-figures.md");
    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Figures(String test) {
        this.test = test;
    }

    public Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public void report() {
        StringBuilder line = new StringBuilder("| " + test + " | " + Instant.now() + " |");
        values.forEach((k, v) -> line.append(' ').append(k).append(": ").append(v).append(';'));
        String text = line.append(" |\n").toString();
        System.out.print("[reliability] " + text);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }
}
