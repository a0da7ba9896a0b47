package io.qlikbroker.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Everything the application logs while it is open, at every level, formatted as a log line would be (message,
 * parameters and stack traces), so a test can assert what never reaches a log.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();

    /** The root's other handlers (the console) and their levels before: they keep printing only what they did. */
    private final Map<Handler, Level> others = new HashMap<>();

    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        Level printed = capture.previousLevel == null ? Level.INFO : capture.previousLevel;
        for (Handler other : capture.root.getHandlers()) {
            capture.others.put(other, other.getLevel());
            if (other.getLevel() == null || other.getLevel().intValue() < printed.intValue()) {
                other.setLevel(printed);
            }
        }
        capture.root.addHandler(capture);
        capture.root.setLevel(Level.ALL);
        return capture;
    }

    /** The test's own HTTP client and the fakes log what they send and receive: that is not the broker's log. */
    private static final List<String> TEST_SIDE_LOGGERS = List.of("org.apache.http", "io.restassured",
            "com.github.tomakehurst", "wiremock", "org.eclipse.jetty");

    @Override
    public void publish(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (TEST_SIDE_LOGGERS.stream().anyMatch(logger::startsWith)) {
            return;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + message);
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                line.append(' ').append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    /** Between two records in {@link #text()}. */
    public static final String RECORD_SEPARATOR = "\n--\n";

    public String text() {
        return String.join(RECORD_SEPARATOR, lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previousLevel);
        others.forEach((other, level) -> {
            if (level != null) {
                other.setLevel(level);
            }
        });
    }
}
