package com.hivemq.bootstrap;

import java.io.File;

/**
 * Replaces HiveMQ CE's own {@code LoggingBootstrap} (same name, found first on the demo's class path:
 * the demo's classes precede its lib/ jars). HiveMQ's version configures Logback, which the demo leaves
 * out so that everything logs through log4j to the demo's log file; with it absent, the embedded broker
 * failed to start ({@code NoClassDefFoundError: ch/qos/logback/classic/spi/LoggerContextListener}).
 * HiveMQ logs through SLF4J, so its lines still reach the demo's log; nothing here needs configuring.
 * Signatures as in hivemq-community-edition-embedded 2025.5 ({@code javap}); EmbeddedMqttDemoIT fails if
 * a HiveMQ upgrade changes them.
 */
public final class LoggingBootstrap {
    private LoggingBootstrap() {}

    public static void prepareLogging() {}

    public static void initLogging(File configFolder) {}

    public static void resetLogging() {}

    public static void addLoglevelModifiers() {}
}
