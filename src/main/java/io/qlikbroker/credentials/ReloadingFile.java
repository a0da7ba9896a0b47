package io.qlikbroker.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * A mounted secret file, parsed, and parsed again when its bytes change (Kubernetes replaces a mounted Secret in
 * place). It is looked at when used, at most once per {@code interval} of the broker's clock (so that a test moves
 * the clock instead of waiting). A file that becomes unreadable or malformed
 * leaves the last good value in use: one line names the property, and {@link #problem()} says so until it is fixed.
 */
final class ReloadingFile<T> {

    private static final Logger LOG = Logger.getLogger(ReloadingFile.class);

    private final Path path;
    private final String property;
    private final Function<byte[], T> parser;
    private final long intervalMillis;
    private final Clock clock;

    private volatile T value;
    private volatile byte[] bytes;
    private volatile long version = 1;
    private volatile long nextCheck;
    private volatile String problem;

    /** Reads and parses the file now: a missing or malformed file at start-up is a {@link CredentialException}. */
    ReloadingFile(Path path, String property, Function<byte[], T> parser, Duration interval, Clock clock) {
        this.path = path;
        this.property = property;
        this.parser = parser;
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
        this.bytes = read();
        this.value = parser.apply(bytes);
        this.nextCheck = clock.millis() + intervalMillis;
    }

    T value() {
        reloadIfDue();
        return value;
    }

    long version() {
        reloadIfDue();
        return version;
    }

    /** Why the file's current contents are not in use, naming the property; empty when they are. */
    Optional<String> problem() {
        reloadIfDue();
        return Optional.ofNullable(problem);
    }

    private void reloadIfDue() {
        long now = clock.millis();
        if (now < nextCheck) {
            return;
        }
        synchronized (this) {
            if (now < nextCheck) {
                return;
            }
            nextCheck = now + intervalMillis;
            try {
                byte[] current = read();
                if (Arrays.equals(current, bytes)) {
                    problem = null;
                    return;
                }
                T parsed = parser.apply(current);
                value = parsed;
                bytes = current;
                version++;
                problem = null;
                LOG.infof("%s changed: the next token requests use the new credential", property);
            } catch (CredentialException e) {
                if (problem == null) {
                    LOG.warnf("%s; the last good credential stays in use", e.getMessage());
                }
                problem = e.getMessage();
            }
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CredentialException(property + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
