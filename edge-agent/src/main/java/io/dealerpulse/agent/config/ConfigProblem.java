package io.dealerpulse.agent.config;

/** One thing wrong with the configuration: the key (dotted path) and what to do about it. */
public record ConfigProblem(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
