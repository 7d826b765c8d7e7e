package io.dealerpulse.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves secret references: {@code env:NAME} (an environment variable) or {@code file:/path} (the
 * file's content). Surrounding whitespace is removed in both cases, as the importers do, so a key
 * gives the same pseudonyms wherever it is read. Secrets written in clear in the YAML are refused, so a
 * configuration file can be shared, backed up or pasted into a support ticket without leaking keys.
 */
public final class Secrets {
    private final Map<String, String> environment;

    public Secrets(Map<String, String> environment) {
        this.environment = environment;
    }

    public static Secrets fromSystem() {
        return new Secrets(System.getenv());
    }

    /** The secret's value, or a problem message saying what to fix. */
    public Result resolve(String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                return Result.problem("environment variable " + name + " is not set or empty: set it for the agent's"
                        + " service (systemd Environment=/EnvironmentFile=, WinSW <env>)");
            }
            return Result.value(value.strip());
        }
        if (reference.startsWith("file:")) {
            Path path = Path.of(reference.substring(5));
            try {
                String value = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    return Result.problem("secret file " + path + " is empty: write the secret into it");
                }
                return Result.value(value);
            } catch (IOException e) {
                return Result.problem("cannot read secret file " + path + " (" + e.getClass().getSimpleName()
                        + "): create it and let the agent's service account read it");
            }
        }
        return Result.problem("secrets are not written in the configuration file: use env:VARIABLE_NAME or"
                + " file:/path/to/secret");
    }

    /** Either a value or a problem message. */
    public record Result(Optional<String> value, String problem) {
        static Result value(String value) {
            return new Result(Optional.of(value), null);
        }

        static Result problem(String problem) {
            return new Result(Optional.empty(), problem);
        }
    }
}
