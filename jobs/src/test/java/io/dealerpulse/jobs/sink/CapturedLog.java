package io.dealerpulse.jobs.sink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Keeps what one class logs at INFO and above, so a test can check a message was logged. */
final class CapturedLog extends AbstractAppender {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
    }

    static CapturedLog of(Class<?> loggingClass) {
        CapturedLog appender = new CapturedLog();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig logger = new LoggerConfig(loggingClass.getName(), Level.INFO, true);
        logger.addAppender(appender, Level.INFO, null);
        context.getConfiguration().addLogger(loggingClass.getName(), logger);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
