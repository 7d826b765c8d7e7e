package io.dealerpulse.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of one YAML mapping, recording a {@link ConfigProblem} (with the full dotted
 * key) for every missing, mistyped or unknown value instead of stopping at the first. Each value read
 * falls back to its default (or a placeholder) so that reading continues and all problems are listed.
 */
final class ConfigReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    private final String prefix;
    private final Map<String, Object> values;
    private final List<ConfigProblem> problems;
    private final Set<String> readKeys = new TreeSet<>();

    ConfigReader(String prefix, Map<String, Object> values, List<ConfigProblem> problems) {
        this.prefix = prefix;
        this.values = values == null ? Map.of() : values;
        this.problems = problems;
    }

    String key(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    void problem(String name, String message) {
        problems.add(new ConfigProblem(key(name), message));
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    String string(String name, String defaultValue) {
        readKeys.add(name);
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map || value instanceof List) {
            problem(name, "expected a text value, got a " + (value instanceof Map ? "mapping" : "list"));
            return defaultValue;
        }
        return value.toString().strip();
    }

    String requiredString(String name, String whatToPut) {
        String value = string(name, null);
        if (value == null || value.isEmpty()) {
            problem(name, "missing: " + whatToPut);
            return "";
        }
        return value;
    }

    int integer(String name, int defaultValue, int min, int max) {
        long value = longValue(name, defaultValue, min, max);
        return (int) value;
    }

    long longValue(String name, long defaultValue, long min, long max) {
        readKeys.add(name);
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            problem(name, "expected a whole number, got '" + value + "'");
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            problem(name, "must be between " + min + " and " + max + ", got " + parsed);
            return defaultValue;
        }
        return parsed;
    }

    boolean bool(String name, boolean defaultValue) {
        readKeys.add(name);
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(name, "expected true or false, got '" + value + "'");
        return defaultValue;
    }

    /** Durations as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT30S}. */
    Duration duration(String name, Duration defaultValue, Duration min) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(text);
        if (parsed == null) {
            problem(name, "expected a duration like 500ms, 30s, 5m, 2h or 7d, got '" + text + "'");
            return defaultValue;
        }
        if (parsed.compareTo(min) < 0) {
            problem(name, "must be at least " + min + ", got " + text);
            return defaultValue;
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sizes as a number of bytes or with a unit: {@code 512KB}, {@code 64MB}, {@code 1GB}. */
    long bytes(String name, long defaultValue, long min) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            problem(name, "expected a size like 4096, 512KB, 64MB or 1GB, got '" + text + "'");
            return defaultValue;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long size = switch (unit) {
            case "KB" -> n * 1024;
            case "MB" -> n * 1024 * 1024;
            case "GB" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
        if (size < min) {
            problem(name, "must be at least " + min + " bytes, got " + text);
            return defaultValue;
        }
        return size;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        String normalized = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(name, "must be one of " + allowed + ", got '" + text + "'");
        return defaultValue;
    }

    @SuppressWarnings("unchecked")
    ConfigReader section(String name) {
        readKeys.add(name);
        Object value = values.get(name);
        if (value != null && !(value instanceof Map)) {
            problem(name, "expected a mapping (indented keys below '" + name + ":')");
            value = null;
        }
        return new ConfigReader(key(name), (Map<String, Object>) value, problems);
    }

    @SuppressWarnings("unchecked")
    List<ConfigReader> list(String name) {
        readKeys.add(name);
        Object value = values.get(name);
        List<ConfigReader> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!(value instanceof List<?> list)) {
            problem(name, "expected a list (lines starting with '- ')");
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemKey = key(name) + "[" + i + "]";
            if (item instanceof Map) {
                items.add(new ConfigReader(itemKey, (Map<String, Object>) item, problems));
            } else {
                problems.add(new ConfigProblem(itemKey, "expected a mapping of keys, got '" + item + "'"));
            }
        }
        return items;
    }

    /** A free-form string map (e.g. extra Kafka client properties). */
    Map<String, String> stringMap(String name) {
        readKeys.add(name);
        Object value = values.get(name);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(name, "expected a mapping of names to values");
            return result;
        }
        map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }

    /** Reports keys present in the file that nothing read: usually a typo. */
    void rejectUnknownKeys() {
        for (String present : values.keySet()) {
            if (!readKeys.contains(present)) {
                problem(present, "unknown key: check its spelling; known keys here are " + readKeys);
            }
        }
    }
}
