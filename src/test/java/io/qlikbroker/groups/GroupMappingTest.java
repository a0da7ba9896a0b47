package io.qlikbroker.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.qlik.QlikGroup;
import io.qlikbroker.testing.Configs;

class GroupMappingTest {

    private static GroupMapping mapping(String... keysAndValues) {
        String[] all = new String[keysAndValues.length + 6];
        System.arraycopy(new String[] { "qlik.tenant-url", "https://t.example", "qlik.client-id", "c",
                "qlik.groups.enabled", "true" }, 0, all, 0, 6);
        System.arraycopy(keysAndValues, 0, all, 6, keysAndValues.length);
        return new GroupMapping(Configs.qlik(all).groups());
    }

    @Test
    void prefixNamesEveryIncludedGroupAndManagesOnlyCustomGroupsWithIt() {
        GroupMapping mapping = mapping("qlik.groups.include", "team-.*");
        GroupMapping.Mapped mapped = mapping.map(List.of("team-b", "admins", "team-a", "", "team-a"));
        assertEquals(List.of("CG-team-a", "CG-team-b"), List.copyOf(mapped.names()));

        assertTrue(mapping.manages(new QlikGroup("1", "CG-anything", "custom")));
        assertFalse(mapping.manages(new QlikGroup("2", "CG-team-a", "idp")), "IdP groups are never the broker's");
        assertFalse(mapping.manages(new QlikGroup("3", "Finance", "custom")), "an administrator's own custom group");
    }

    @Test
    void anExplicitMappingSyncsOnlyTheListedGroupsAndManagesOnlyTheirNames() {
        GroupMapping mapping = mapping("qlik.groups.mapping.\"Sales EMEA\"", "EMEA sellers",
                "qlik.groups.mapping.analysts", "Analysts");
        assertEquals(List.of("Analysts", "EMEA sellers"),
                List.copyOf(mapping.map(List.of("Sales EMEA", "analysts", "unlisted")).names()));
        assertTrue(mapping.manages(new QlikGroup("1", "Analysts", "custom")));
        assertFalse(mapping.manages(new QlikGroup("2", "CG-analysts", "custom")), "the prefix means nothing then");
    }

    @Test
    void moreGroupsThanTheMaximumAreRefusedAndOverlongNamesSkipped() {
        GroupMapping mapping = mapping("qlik.groups.max", "2");
        BrokerException refused = assertThrows(BrokerException.class, () -> mapping.map(List.of("a", "b", "c")));
        assertEquals(ProblemKind.TOO_MANY_GROUPS, refused.kind());

        String tooLong = "x".repeat(254);
        GroupMapping.Mapped mapped = mapping.map(List.of("ok", tooLong));
        assertEquals(List.of("CG-ok"), List.copyOf(mapped.names()));
        assertEquals(List.of("CG-" + tooLong), mapped.skipped());
    }

    @Test
    void theDigestTellsSetsApartWhateverTheNamesHold() {
        assertEquals(GroupSync.digest(new TreeSet<>(List.of("a", "b"))), GroupSync.digest(new TreeSet<>(List.of("b", "a"))));
        assertFalse(
                GroupSync.digest(new TreeSet<>(List.of("a\nb"))).equals(GroupSync.digest(new TreeSet<>(List.of("a", "b")))));
        assertFalse(GroupSync.digest(new TreeSet<>(List.of("1:a"))).equals(GroupSync.digest(new TreeSet<>(List.of("a")))));
    }
}
