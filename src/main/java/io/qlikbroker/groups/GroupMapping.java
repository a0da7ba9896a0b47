package io.qlikbroker.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.qlikbroker.config.ConfigValidator;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.qlik.QlikGroup;

/**
 * Which Qlik custom groups an identity's app groups stand for, and which custom groups are the broker's to change.
 * Without a mapping, an included app group {@code g} becomes {@code <prefix>g} and the managed groups are the custom
 * groups with the prefix. With a mapping, only the listed app groups are synced, and the managed groups are exactly
 * the mapped names. Either way IdP groups and every other custom group are an administrator's, never touched.
 */
public final class GroupMapping {

    private final Optional<Pattern> include;
    private final String prefix;
    private final Map<String, String> mapping;
    private final int max;

    public GroupMapping(TenantSettings.Groups config) {
        this.include = config.include().map(Pattern::compile);
        this.prefix = config.prefix();
        this.mapping = Map.copyOf(config.mapping());
        this.max = config.max();
    }

    /** The Qlik names, sorted, and the names skipped because Qlik would refuse them (over 256 characters). */
    public record Mapped(SortedSet<String> names, List<String> skipped) {
    }

    /**
     * The Qlik group names of {@code appGroups}. More than {@code max} groups to sync is refused (403), so that a
     * claim stuffed with groups cannot make the broker spend the tenant's write budget.
     */
    public Mapped map(Collection<String> appGroups) {
        SortedSet<String> names = new TreeSet<>();
        List<String> skipped = new ArrayList<>();
        for (String appGroup : appGroups) {
            if (appGroup.isBlank() || include.filter(pattern -> !pattern.matcher(appGroup).matches()).isPresent()) {
                continue;
            }
            String name = mapping.isEmpty() ? prefix + appGroup : mapping.get(appGroup);
            if (name == null) {
                continue;
            }
            if (name.length() > ConfigValidator.MAX_GROUP_NAME) {
                skipped.add(name);
            } else {
                names.add(name);
            }
        }
        if (names.size() + skipped.size() > max) {
            throw new BrokerException(ProblemKind.TOO_MANY_GROUPS,
                    "Your identity has more than " + max + " groups to set in Qlik; ask an administrator to narrow "
                            + "the groups the broker syncs.");
        }
        return new Mapped(names, List.copyOf(skipped));
    }

    /** A group the broker adds and removes: custom, and named by this mapping. */
    public boolean manages(QlikGroup group) {
        return group.custom() && group.name() != null
                && (mapping.isEmpty() ? group.name().startsWith(prefix) : mapping.containsValue(group.name()));
    }
}
