package io.qlikbroker.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis (Debian's {@code redis-server}) on a free port, nothing persisted, for tests of replicas sharing
 * state. Without the binary the calling test is skipped with how to install it. Stopped and started again on the
 * same port to play an outage.
 */
public final class RedisServer implements AutoCloseable {

    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private static final String NOT_STRING = "!not a string: ";
    private static final String DUMP = "local NOT_STRING = '" + NOT_STRING
            + "' local out = {} for _, key in ipairs(redis.call('KEYS', '*')) do "
            + "local value = redis.pcall('GET', key) if value == false then value = '' "
            + "elseif type(value) ~= 'string' then value = NOT_STRING .. redis.call('TYPE', key).ok end "
            + "out[#out + 1] = key out[#out + 1] = value end return out";

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts one, or skips the test when {@code redis-server} is not installed. */
    public static RedisServer start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(installed("redis-server") && installed("redis-cli"),
                "redis-server is not installed: apt-get install redis-server (.ci/run installs it)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = new RedisServer(port);
        server.startAgain();
        return server;
    }

    private static boolean installed(String command) {
        return Files.isExecutable(Path.of("/usr/bin", command)) || Files.isExecutable(Path.of("/usr/local/bin", command));
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public void startAgain() throws IOException, InterruptedException {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectInput(NO_INPUT).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            if (cli("PING").strip().equals("PONG")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /**
     * Every key and its value, as an attacker with a dump of the server would see them. One script for all keys (a
     * redis-cli per key took seconds): each key, then its value, one a line. The broker stores only strings; any
     * other type fails the dump rather than go unread.
     */
    public Map<String, String> dump() throws IOException, InterruptedException {
        List<String> lines = cli("EVAL", DUMP, "0").lines().toList();
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            if (lines.get(i + 1).startsWith(NOT_STRING)) {
                throw new IllegalStateException(lines.get(i) + " holds " + lines.get(i + 1) + ": the dump reads strings");
            }
            all.put(lines.get(i), lines.get(i + 1));
        }
        return all;
    }

    public String cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port), "--raw"));
        command.addAll(List.of(arguments));
        // Input from /dev/null: with a pipe on stdin, redis-cli that cannot connect waits to read commands from it.
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(NO_INPUT).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(10, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
