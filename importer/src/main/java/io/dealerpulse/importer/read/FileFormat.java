package io.dealerpulse.importer.read;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The input file formats and their readers. */
public enum FileFormat {
    CSV,
    JSONL,
    YAML;

    public RowReader reader() {
        return switch (this) {
            case CSV -> new CsvRowReader();
            case JSONL -> new JsonLinesRowReader();
            case YAML -> new YamlRowReader();
        };
    }

    /** The format named on the command line ({@code csv}, {@code jsonl}, {@code yaml}). */
    public static Optional<FileFormat> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "csv" -> Optional.of(CSV);
            case "jsonl", "ndjson", "json" -> Optional.of(JSONL);
            case "yaml", "yml" -> Optional.of(YAML);
            default -> Optional.empty();
        };
    }

    /** The format implied by the file's extension, if it has a known one. */
    public static Optional<FileFormat> ofFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : named(name.substring(dot + 1));
    }
}
