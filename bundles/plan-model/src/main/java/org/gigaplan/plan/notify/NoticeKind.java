package org.gigaplan.plan.notify;

import java.util.Objects;
import java.util.Set;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.security.Role;

/**
 * A kind of notice a module sends, as users choose how they get it (at once by mail, in the weekly digest, in the
 * inbox only): its id (the {@link Notice#kind()}), what it is, and the roles it goes to.
 */
public record NoticeKind(String id, LocalizedText name, Set<Role> audiences) {

    public NoticeKind {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        audiences = Set.copyOf(audiences);
    }
}
