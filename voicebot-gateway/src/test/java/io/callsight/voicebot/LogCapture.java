package io.callsight.voicebot;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Every log event (all levels, with stack traces) while open, to assert what was and was not logged. */
public final class LogCapture implements AutoCloseable {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context;

    public LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                StringBuilder s = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getMessage().getFormattedMessage());
                if (e.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    e.getThrown().printStackTrace(new PrintWriter(w));
                    s.append('\n').append(w);
                }
                events.add(s.toString());
            }
        };
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public String all() {
        return String.join("\n", events);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
