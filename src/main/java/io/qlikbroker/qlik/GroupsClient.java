package io.qlikbroker.qlik;

import java.util.Optional;

import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.problem.BrokerException;
import io.smallrye.mutiny.Uni;

/**
 * The admin client's Groups API calls: finding a custom group by its exact name and creating one. Every failure
 * becomes a {@link BrokerException}; a 409 on creation (the group exists, made by another replica or an
 * administrator) is followed by a lookup.
 */
public class GroupsClient {

    /** Qlik compares names case-insensitively in filters, so a page may hold variants; one page of them is plenty. */
    private static final int PAGE = 100;

    private final QlikGroupsApi groups;
    private final AdminCalls calls;

    GroupsClient(QlikGroupsApi groups, AdminCalls calls) {
        this.groups = groups;
        this.calls = calls;
    }

    /** The custom group named exactly {@code name}; IdP groups may share the name and are never it. */
    public Uni<Optional<QlikGroup>> findCustom(String name, QlikToken admin) {
        return calls.guard(groups.find(QlikFilter.eq("name", name), PAGE, UsersClient.bearer(admin)))
                .map(page -> page.data() == null ? Optional.<QlikGroup> empty()
                        : page.data().stream().filter(group -> group.custom() && name.equals(group.name()))
                                .findFirst());
    }

    /** Creates the custom group, or finds the one that exists under that name. */
    public Uni<QlikGroup> create(String name, QlikToken admin) {
        return groups.create(NewQlikGroup.custom(name), UsersClient.bearer(admin))
                .onFailure(failure -> failure instanceof QlikErrorResponse response && response.status() == 409)
                .recoverWithUni(() -> findCustom(name, admin).map(Optional::orElseThrow))
                .plug(calls::guard);
    }
}
