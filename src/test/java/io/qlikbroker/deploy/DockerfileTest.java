package io.qlikbroker.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The release image runs as a non-root user that cannot change or replace the executable it runs. */
class DockerfileTest {

    private final List<String> lines = read();

    @Test
    void theExecutableIsOwnedByRootAndReadOnly() {
        String copy = lines.stream().filter(line -> line.startsWith("COPY") && line.contains("-runner")).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY of the executable"));
        assertTrue(copy.contains("--chown=0:0") || copy.contains("--chown=root:root"), copy);
        String mode = copy.replaceAll(".*--chmod=([0-7]+).*", "$1");
        int bits = Integer.parseInt(mode, 8);
        assertTrue((bits & 0222) == 0, "no write bit for anyone: " + mode);
    }

    @Test
    void itsFolderIsNotHandedToTheRuntimeUser() {
        int user = lines.indexOf("USER 1001");
        assertTrue(user > 0, "runs as 1001");
        for (String line : lines.subList(lines.indexOf(lines.stream().filter(l -> l.startsWith("FROM")
                && l.contains("micro-image")).findFirst().orElseThrow()), lines.size())) {
            assertFalse(line.contains("chown 1001"), line);
        }
    }

    private static List<String> read() {
        try {
            return Files.readAllLines(Path.of("Dockerfile.native")).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
