package io.qlikbroker.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The memory of verified bearer tokens keeps little per token and stays within both of its bounds. */
class VerifiedBearerMemoryBoundsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final long EXP = NOW.getEpochSecond() + 3600;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void keepsOnlyTheClaimsTheBrokerReads() {
        VerifiedBearerMemory memory = new VerifiedBearerMemory(clock, 100, 1 << 20, List.of("sub", "email"));
        memory.remember("k", token("alice", Map.of("sub", "alice", "email", "a@example.com", "junk", "x".repeat(5000))));
        RememberedBearer kept = memory.recall("k").orElseThrow();
        assertEquals(Map.of("sub", "alice", "email", "a@example.com"), kept.claims());
        assertEquals(EXP, kept.getExpirationTime());
        assertTrue(kept.estimatedBytes() < 1000, "estimated " + kept.estimatedBytes());
    }

    @Test
    void staysWithinItsEntryBound() {
        VerifiedBearerMemory memory = new VerifiedBearerMemory(clock, 100, 1 << 20, List.of("sub"));
        for (int i = 0; i < 1000; i++) {
            memory.remember("key" + i, token("user" + i, Map.of("sub", "user" + i)));
        }
        assertTrue(memory.usage()[0] <= 100, "entries: " + memory.usage()[0]);
    }

    @Test
    void staysWithinItsByteBoundWhenTokensAreLarge() {
        long maxBytes = 64 * 1024;
        VerifiedBearerMemory memory = new VerifiedBearerMemory(clock, 10_000, maxBytes, List.of("sub", "groups"));
        for (int i = 0; i < 1000; i++) {
            memory.remember("key" + i, token("user" + i, Map.of("sub", "user" + i, "groups", "g".repeat(2000))));
        }
        long[] usage = memory.usage();
        assertTrue(usage[1] <= maxBytes, "bytes: " + usage[1]);
        assertTrue(usage[0] > 0 && usage[0] < 1000, "entries: " + usage[0]);
    }

    @Test
    void aTokenWithoutExpiryIsNotKept() {
        VerifiedBearerMemory memory = new VerifiedBearerMemory(clock, 100, 1 << 20, List.of("sub"));
        memory.remember("k", new RememberedBearer("alice", Map.of("sub", "alice"), 0));
        assertTrue(memory.recall("k").isEmpty());
    }

    private static RememberedBearer token(String name, Map<String, Object> claims) {
        return new RememberedBearer(name, claims, EXP);
    }
}
