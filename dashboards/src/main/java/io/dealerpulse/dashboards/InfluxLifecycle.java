package io.dealerpulse.dashboards;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the data lifecycle file ({@code dashboards/influxdb/lifecycle.iql}: database, retention
 * policies, continuous queries) to an InfluxDB 1.x server, for any database name, as often as needed:
 * <ul>
 *   <li>a retention policy that exists is ALTERed to the file's duration (CREATE would fail);</li>
 *   <li>a continuous query is dropped and created again, so a changed query replaces the old one
 *       (InfluxDB 1.x cannot alter a continuous query).</li>
 * </ul>
 * <pre>java -cp dealerpulse-dashboards.jar io.dealerpulse.dashboards.InfluxLifecycle \
 *     http://influxdb:8086 dealerpulse dashboards/influxdb/lifecycle.iql [admin-user]</pre>
 * The password of the admin user is read from the environment variable {@code INFLUXDB_PASSWORD}.
 */
public final class InfluxLifecycle {
    /** The database name the file is written for. */
    public static final String FILE_DATABASE = "dealerpulse";
    private static final Pattern CQ_NAME = Pattern.compile("^CREATE CONTINUOUS QUERY \"(\\w+)\"");
    private static final Pattern CQ_BODY = Pattern.compile(" BEGIN (.*) END$");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI url;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public InfluxLifecycle(URI url, String user, String password) {
        this.url = url;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: InfluxLifecycle <influx-url> <database> <lifecycle.iql> [admin-user]"
                    + " (password in INFLUXDB_PASSWORD)");
            System.exit(2);
        }
        String user = args.length > 3 ? args[3] : null;
        InfluxLifecycle lifecycle = new InfluxLifecycle(URI.create(args[0]), user, System.getenv("INFLUXDB_PASSWORD"));
        List<String> applied = lifecycle.apply(statements(Files.readString(Path.of(args[2])), args[1]));
        applied.forEach(System.out::println);
    }

    /**
     * The file's statements (comments removed, one per {@code ;}) for {@code database}: every
     * {@code ON dealerpulse} and {@code "dealerpulse".} names it instead.
     */
    public static List<String> statements(String file, String database) {
        StringBuilder text = new StringBuilder();
        for (String line : file.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        String quoted = "\"" + database.replace("\"", "\\\"") + "\"";
        List<String> result = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            String s = statement.strip().replace("\n", " ");
            if (!s.isEmpty()) {
                result.add(s.replace("ON " + FILE_DATABASE + " ", "ON " + quoted + " ")
                        .replace("DATABASE " + FILE_DATABASE, "DATABASE " + quoted)
                        .replaceAll(" ON " + FILE_DATABASE + "$", " ON " + Matcher.quoteReplacement(quoted))
                        .replace("\"" + FILE_DATABASE + "\".", quoted + "."));
            }
        }
        return result;
    }

    /** Continuous query name → its SELECT ... INTO ... statement, from the file's statements. */
    public static Map<String, String> continuousQueries(List<String> statements) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String s : statements) {
            Matcher name = CQ_NAME.matcher(s);
            if (name.find()) {
                Matcher body = CQ_BODY.matcher(s);
                if (!body.find()) {
                    throw new IllegalArgumentException("continuous query without BEGIN ... END: " + s);
                }
                result.put(name.group(1), body.group(1));
            }
        }
        return result;
    }

    /** Applies every statement; returns one line per action taken. */
    public List<String> apply(List<String> statements) throws IOException, InterruptedException {
        List<String> done = new ArrayList<>();
        for (String s : statements) {
            Matcher cq = CQ_NAME.matcher(s);
            if (cq.find()) {
                String on = s.substring(s.indexOf(" ON ") + 4, s.indexOf(' ', s.indexOf(" ON ") + 4));
                String existing = execute("SHOW CONTINUOUS QUERIES");
                if (existing.contains("\"" + cq.group(1) + "\"")) {
                    execute("DROP CONTINUOUS QUERY \"" + cq.group(1) + "\" ON " + on);
                    done.add("replaced continuous query " + cq.group(1));
                } else {
                    done.add("created continuous query " + cq.group(1));
                }
                execute(s);
            } else if (s.startsWith("CREATE RETENTION POLICY")) {
                try {
                    execute(s);
                    done.add("created " + s.substring("CREATE ".length()));
                } catch (IllegalStateException e) {
                    if (!e.getMessage().contains("already exists")) {
                        throw e;
                    }
                    String alter = "ALTER" + s.substring("CREATE".length());
                    execute(alter);
                    done.add("altered " + alter.substring("ALTER ".length()));
                }
            } else {
                execute(s);
                done.add("ran " + s);
            }
        }
        return done;
    }

    private String execute(String statement) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/query"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher error = ERROR.matcher(response.body());
        if (response.statusCode() != 200 || error.find()) {
            throw new IllegalStateException("InfluxDB at " + url + " refused '" + statement + "': HTTP "
                    + response.statusCode() + " " + (error.find(0) ? error.group(1) : response.body())
                    + " - check the admin user's rights and the statement in lifecycle.iql");
        }
        return response.body();
    }
}
