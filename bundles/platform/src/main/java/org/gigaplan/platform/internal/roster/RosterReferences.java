package org.gigaplan.platform.internal.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * Checks that every sourcedId a row refers to is there. A reference into a bulk file must resolve within the set (a
 * bulk file is all there is of its kind); a reference into a delta or absent file may name a row stored from an
 * earlier set, so it is kept as an {@link ExternalReference} for whoever applies the set. Rows being deleted are not
 * checked: nothing will refer through them.
 */
final class RosterReferences {

    private final RosterSet set;
    private final Set<String> unreadable;
    private final List<FieldError> errors;
    private final List<ExternalReference> external = new ArrayList<>();

    private RosterReferences(RosterSet set, Set<String> unreadable, List<FieldError> errors) {
        this.set = set;
        this.unreadable = unreadable;
        this.errors = errors;
    }

    /**
     * The references left to stored data; references that cannot resolve are errors.
     *
     * @param unreadable files whose rows could not be read: references into them are not checked, their own errors
     *                   having been reported
     */
    static List<ExternalReference> check(RosterSet set, Set<String> unreadable, List<FieldError> errors) {
        RosterReferences check = new RosterReferences(set, unreadable, errors);
        check.run();
        return List.copyOf(check.external);
    }

    private void run() {
        for (RosterOrg o : active(set.orgs())) {
            ref(o, "parentSourcedId", "orgs", o.parentSourcedId(), set.findOrg(o.parentSourcedId()));
        }
        for (RosterSession s : active(set.sessions())) {
            ref(s, "parentSourcedId", "academicSessions", s.parentSourcedId(), set.findSession(s.parentSourcedId()));
        }
        for (RosterCourse c : active(set.courses())) {
            ref(c, "schoolYearSourcedId", "academicSessions", c.schoolYearSourcedId(),
                    set.findSession(c.schoolYearSourcedId()));
            ref(c, "orgSourcedId", "orgs", c.orgSourcedId(), set.findOrg(c.orgSourcedId()));
        }
        for (RosterClass c : active(set.classes())) {
            ref(c, "courseSourcedId", "courses", c.courseSourcedId(), set.findCourse(c.courseSourcedId()));
            school(c, "schoolSourcedId", c.schoolSourcedId());
            c.termSourcedIds().forEach(t -> ref(c, "termSourcedIds", "academicSessions", t, set.findSession(t)));
        }
        for (RosterUser u : active(set.users())) {
            ref(u, "primaryOrgSourcedId", "orgs", u.primaryOrgSourcedId(), set.findOrg(u.primaryOrgSourcedId()));
            u.agentSourcedIds().forEach(a -> ref(u, "agentSourcedIds", "users", a, set.findUser(a)));
            ref(u, "metadata.jp.homeClass", "classes", u.homeClass(), set.findClass(u.homeClass()));
        }
        for (RosterRole r : active(set.roles())) {
            ref(r, "userSourcedId", "users", r.userSourcedId(), set.findUser(r.userSourcedId()));
            ref(r, "orgSourcedId", "orgs", r.orgSourcedId(), set.findOrg(r.orgSourcedId()));
        }
        for (RosterEnrollment e : active(set.enrollments())) {
            Optional<RosterClass> c = set.findClass(e.classSourcedId());
            ref(e, "classSourcedId", "classes", e.classSourcedId(), c);
            school(e, "schoolSourcedId", e.schoolSourcedId());
            ref(e, "userSourcedId", "users", e.userSourcedId(), set.findUser(e.userSourcedId()));
            if (c.isPresent() && c.get().schoolSourcedId() != null && e.schoolSourcedId() != null
                    && !c.get().schoolSourcedId().equals(e.schoolSourcedId())) {
                error(e, "schoolSourcedId", "the class (" + c.get().source() + ") is of school \""
                        + c.get().schoolSourcedId() + "\", not \"" + e.schoolSourcedId() + "\"");
            }
        }
        for (RosterDemographic d : active(set.demographics())) {
            ref(d, "sourcedId", "users", d.sourcedId(), set.findUser(d.sourcedId()));
        }
    }

    private static <T extends RosterRecord> List<T> active(List<T> rows) {
        return rows.stream().filter(r -> !r.deleted()).toList();
    }

    /** A reference to an org that must be a school. */
    private void school(RosterRecord from, String column, String id) {
        Optional<RosterOrg> org = set.findOrg(id);
        if (ref(from, column, "orgs", id, org) && !org.get().school()) {
            error(from, column, "\"" + id + "\" is an org of type " + org.get().type() + " (" + org.get().source()
                    + "): a school is needed");
        }
    }

    /** Checks one reference; whether it resolved to an active row, for further checks of that row. */
    private boolean ref(RosterRecord from, String column, String file, String id, Optional<? extends RosterRecord> to) {
        if (id == null || unreadable.contains(file)) {
            return false;
        }
        if (to.isEmpty()) {
            if (set.manifest().mode(file) == RosterMode.BULK) {
                error(from, column, "no row of " + file + ".csv has the sourcedId \"" + id + "\"");
            } else {
                external.add(new ExternalReference(from.source(), column, file, id));
            }
            return false;
        }
        if (to.get().deleted()) {
            error(from, column, "\"" + id + "\" is deleted by this set (" + to.get().source() + ")");
            return false;
        }
        return true;
    }

    private void error(RosterRecord from, String column, String detail) {
        errors.add(new FieldError(from.source().field(column), detail));
    }
}
