package io.dealerpulse.jobs.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings of {@link InfluxAccessProvisioner}: {@code --config file} (properties) and {@code --key value}
 * arguments, arguments winning. Passwords never come from either (both end up in shell histories and
 * process listings): each comes from an environment variable or a file, see {@link #KEYS}. Every
 * problem is reported at once, one line per key.
 */
public final class ProvisionerOptions {
    public static final String ADMIN_PASSWORD_ENV = "INFLUXDB_ADMIN_PASSWORD";
    /** The same variable the job reads its password from. */
    public static final String JOBS_PASSWORD_ENV = "INFLUXDB_PASSWORD";
    public static final String GRAFANA_PASSWORD_ENV = "INFLUXDB_GRAFANA_PASSWORD";
    /** {@code INFLUXDB_GROUP_<GROUP>_PASSWORD}, group upper-cased with other characters than A-Z, 0-9 as {@code _}. */
    public static final String GROUP_PASSWORD_ENV_PATTERN = "INFLUXDB_GROUP_%s_PASSWORD";

    /** Key → default (null = none) and meaning, in documentation order. */
    public static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("influx.url", new String[] {null, "Required. InfluxDB 1.x HTTP URL."});
        KEYS.put("influx.database", new String[] {"dealerpulse", "The network database (the job's `influx.database`)."});
        KEYS.put("influx.group-database-prefix", new String[] {GroupNames.DEFAULT_DATABASE_PREFIX,
            "As the job's key: group databases are `<prefix><group>`."});
        KEYS.put("provision.groups", new String[] {"", "Investor groups, comma-separated, as in the site registry."});
        KEYS.put("provision.admin-user", new String[] {"admin", "InfluxDB admin that runs the statements. Password: `"
            + ADMIN_PASSWORD_ENV + "` or `provision.admin-password-file`."});
        KEYS.put("provision.admin-password-file", new String[] {null, "File holding the admin password."});
        KEYS.put("provision.jobs-user", new String[] {"dealerpulse_jobs", "Write-only user of the Flink jobs. Password: `"
            + JOBS_PASSWORD_ENV + "` or `provision.jobs-password-file`."});
        KEYS.put("provision.jobs-password-file", new String[] {null, "File holding the jobs user's password."});
        KEYS.put("provision.grafana-user", new String[] {"dealerpulse_grafana", "Read-only user of the network"
            + " dashboards. Password: `" + GRAFANA_PASSWORD_ENV + "` or `provision.grafana-password-file`."});
        KEYS.put("provision.grafana-password-file", new String[] {null, "File holding the Grafana user's password."});
        KEYS.put("provision.group-user-prefix", new String[] {"dealerpulse_reader_", "A group's read-only user is"
            + " `<prefix><group>`. Password: `INFLUXDB_GROUP_<GROUP>_PASSWORD` or file `<group>` in"
            + " `provision.group-password-dir`."});
        KEYS.put("provision.group-password-dir", new String[] {null, "Directory with one password file per group,"
            + " named like the group's database suffix (e.g. `groupe_horizon`)."});
    }

    private final Map<String, String> values;
    private final Map<String, String> passwords;

    private ProvisionerOptions(Map<String, String> values, Map<String, String> passwords) {
        this.values = values;
        this.passwords = passwords;
    }

    /**
     * @param environment where the password variables are looked up ({@code System.getenv()} in production)
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static ProvisionerOptions parse(String[] args, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new TreeMap<>();
        Map<String, String> arguments = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                problems.add("argument '" + args[i] + "': expected `--key value`");
            } else {
                arguments.put(args[i].substring(2), args[++i]);
            }
        }
        String config = arguments.remove("config");
        if (config != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(config), StandardCharsets.UTF_8)) {
                properties.load(reader);
                properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).strip()));
            } catch (IOException e) {
                problems.add("config: cannot read " + config + " (" + e + ")");
            }
        }
        values.putAll(arguments);
        values.entrySet().removeIf(e -> e.getValue().isEmpty());
        for (String key : values.keySet()) {
            if (!KEYS.containsKey(key)) {
                problems.add(key + ": unknown key" + (key.contains("password") && !key.endsWith("-file")
                        ? "; passwords come from environment variables or files, never from arguments or the config"
                        : "; see docs/influxdb-security.md"));
            }
        }
        if (!values.containsKey("influx.url")) {
            problems.add("influx.url: missing; " + KEYS.get("influx.url")[1]);
        }
        ProvisionerOptions draft = new ProvisionerOptions(values, Map.of());
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("admin", secret("admin", environment.get(ADMIN_PASSWORD_ENV),
                values.get("provision.admin-password-file"), ADMIN_PASSWORD_ENV, problems));
        passwords.put("jobs", secret("jobs user", environment.get(JOBS_PASSWORD_ENV),
                values.get("provision.jobs-password-file"), JOBS_PASSWORD_ENV, problems));
        passwords.put("grafana", secret("Grafana user", environment.get(GRAFANA_PASSWORD_ENV),
                values.get("provision.grafana-password-file"), GRAFANA_PASSWORD_ENV, problems));
        String dir = values.get("provision.group-password-dir");
        for (String group : draft.groups()) {
            String env = groupPasswordEnv(group);
            String file = dir == null ? null : Path.of(dir, normalised(group)).toString();
            passwords.put("group:" + group, secret("group " + group + " user", environment.get(env), file, env, problems));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot provision InfluxDB access:\n  " + String.join("\n  ", problems));
        }
        return new ProvisionerOptions(values, passwords);
    }

    public static String groupPasswordEnv(String group) {
        return String.format(GROUP_PASSWORD_ENV_PATTERN, group.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }

    private static String normalised(String group) {
        return GroupNames.normalised(group);
    }

    /** From the variable, else the file (if it exists); both set is ambiguous. Never echoed in a message. */
    private static String secret(String whose, String fromEnv, String file, String env, List<String> problems) {
        boolean envSet = fromEnv != null && !fromEnv.isEmpty();
        Path path = file == null ? null : Path.of(file);
        if (envSet && path != null && Files.exists(path)) {
            problems.add(whose + " password: both " + env + " and " + file + " are set; keep one");
            return null;
        }
        if (envSet) {
            return fromEnv;
        }
        if (path != null) {
            try {
                String password = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (!password.isEmpty()) {
                    return password;
                }
                problems.add(whose + " password: " + file + " is empty");
                return null;
            } catch (IOException e) {
                problems.add(whose + " password: cannot read " + file + " (" + e.getClass().getSimpleName()
                        + "); set " + env + " or fix the file");
                return null;
            }
        }
        problems.add(whose + " password: missing; set " + env + (whose.startsWith("group")
                ? " or put it in provision.group-password-dir" : " or the matching *-password-file key"));
        return null;
    }

    private String get(String key) {
        return values.getOrDefault(key, KEYS.get(key)[0]);
    }

    public String url() {
        return get("influx.url");
    }

    public String networkDatabase() {
        return get("influx.database");
    }

    public String groupDatabasePrefix() {
        return get("influx.group-database-prefix");
    }

    public List<String> groups() {
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(get("provision.groups").split(","))
                .map(String::strip).filter(g -> !g.isEmpty()).toList()));
    }

    public String adminUser() {
        return get("provision.admin-user");
    }

    public String adminPassword() {
        return passwords.get("admin");
    }

    public String jobsUser() {
        return get("provision.jobs-user");
    }

    public String jobsPassword() {
        return passwords.get("jobs");
    }

    public String grafanaUser() {
        return get("provision.grafana-user");
    }

    public String grafanaPassword() {
        return passwords.get("grafana");
    }

    public String groupUserPrefix() {
        return get("provision.group-user-prefix");
    }

    public String groupPassword(String group) {
        return passwords.get("group:" + group);
    }

    @Override
    public String toString() {
        return "ProvisionerOptions" + values + " (passwords hidden)";
    }
}
