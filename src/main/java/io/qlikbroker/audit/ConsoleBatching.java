package io.qlikbroker.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.qlikbroker.config.ConfigurationValidated;
import io.vertx.core.Vertx;

/**
 * Writes the console in batches, every {@link #FLUSH_MILLIS} ms or when the encoder's 8 KiB buffer fills, instead of a
 * write (under the handler's lock) per line. With an audit line per token decision, per-line writes cost about a
 * fifth of cached-path throughput (bench/run.sh); an asynchronous handler cost more still on two cores (a thread
 * hand-off per line). Lines keep their order: one handler, one buffer.
 * <p>
 * Only once the configuration is valid, so that a refusal to start is written at once; and any exit the JVM sees
 * (SIGTERM, System.exit) flushes and goes back to a write per line, so nothing logged while stopping is held back.
 * A process killed outright (SIGKILL) loses at most the last {@link #FLUSH_MILLIS} ms of lines.
 */
@Singleton
public class ConsoleBatching {

    static final long FLUSH_MILLIS = 100;

    void start(@Observes ConfigurationValidated event, Vertx vertx) {
        List<ExtHandler> consoles = new ArrayList<>();
        collect(LogContext.getLogContext().getLogger("").getHandlers(), consoles);
        if (consoles.isEmpty()) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> consoles.forEach(console -> console.setAutoFlush(true)),
                "console-flush"));
        consoles.forEach(console -> console.setAutoFlush(false));
        vertx.setPeriodic(FLUSH_MILLIS, id -> consoles.forEach(Handler::flush));
    }

    private static void collect(Handler[] handlers, List<ExtHandler> consoles) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                consoles.add(console);
            } else if (handler instanceof ExtHandler nested) {
                collect(nested.getHandlers(), consoles);
            }
        }
    }
}
