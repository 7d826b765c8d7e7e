package io.dealerpulse.importer.cli;

import io.dealerpulse.importer.StreamKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code <stream> --option value ...}; {@code --option=value} is accepted too. */
public final class CommandLineParser {
    private static final String KAFKA_PREFIX = "--kafka.";
    private static final List<String> VALUED_OPTIONS = List.of("--file", "--format", "--bootstrap",
            "--network-key-file", "--source", "--registry");

    private CommandLineParser() {}

    public static CommandLine parse(List<String> args) throws UsageException {
        if (args.contains("--help") || args.contains("-h")) {
            return new CommandLine(null, null, null, null, null, null, null, false, false, false, Map.of(), true);
        }
        StreamKind stream = null;
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        boolean dryRun = false;
        boolean strict = false;
        boolean createTopics = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--strict" -> strict = true;
                case "--create-topics" -> createTopics = true;
                default -> {
                    if (!arg.startsWith("--")) {
                        if (stream != null) {
                            throw new UsageException("unexpected argument '" + arg + "': options start with --");
                        }
                        stream = StreamKind.ofCommand(arg).orElseThrow(() -> new UsageException("unknown stream '"
                                + arg + "': use registry, appointments or surveys"));
                        continue;
                    }
                    int equals = arg.indexOf('=');
                    String name = equals < 0 ? arg : arg.substring(0, equals);
                    boolean kafkaProperty = name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length();
                    if (!kafkaProperty && !VALUED_OPTIONS.contains(name)) {
                        throw new UsageException("unknown option " + name + " (see --help)");
                    }
                    String value;
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException(name + " needs a value");
                    }
                    if (kafkaProperty) {
                        kafka.put(name.substring(KAFKA_PREFIX.length()), value);
                    } else if (options.put(name, value) != null) {
                        throw new UsageException(name + " is given twice: give it once");
                    }
                }
            }
        }
        if (stream == null) {
            throw new UsageException("say what to import: registry, appointments or surveys");
        }
        if (!options.containsKey("--file")) {
            throw new UsageException("--file is required: the file to import");
        }
        if (!dryRun && !options.containsKey("--bootstrap")) {
            throw new UsageException("--bootstrap host:port is required to publish (or pass --dry-run to validate only)");
        }
        String source = options.get("--source");
        if (source != null && source.isBlank()) {
            throw new UsageException("--source must not be empty");
        }
        return new CommandLine(stream, Path.of(options.get("--file")), options.get("--format"),
                options.get("--bootstrap"), path(options.get("--network-key-file")), source,
                path(options.get("--registry")), dryRun, strict, createTopics, Map.copyOf(kafka), false);
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }
}
