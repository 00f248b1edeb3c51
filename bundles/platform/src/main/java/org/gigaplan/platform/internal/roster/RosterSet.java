package org.gigaplan.platform.internal.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A OneRoster set read and checked whole: the rows of every file the platform reads, in file order, each with its
 * status and line. A file the manifest declares absent has no rows here; rows of a delta file are changes only.
 * <p>
 * The lists hold every row, deleted ones too. The views ({@link #schools()}, {@link #teachersOf}…) are of the active
 * rows only: what the set says is, not what it removes. {@code find…} finds any row by sourcedId.
 */
public final class RosterSet {

    private final RosterManifest manifest;
    private final List<RosterOrg> orgs;
    private final List<RosterSession> sessions;
    private final List<RosterCourse> courses;
    private final List<RosterClass> classes;
    private final List<RosterUser> users;
    private final List<RosterRole> roles;
    private final List<RosterEnrollment> enrollments;
    private final List<RosterDemographic> demographics;
    private final List<ExternalReference> externalReferences;
    private final List<String> ignoredFiles;

    private final Map<String, RosterOrg> orgById;
    private final Map<String, RosterSession> sessionById;
    private final Map<String, RosterCourse> courseById;
    private final Map<String, RosterClass> classById;
    private final Map<String, RosterUser> userById;
    private final Map<String, List<RosterRole>> activeRolesOfUser = new HashMap<>();
    private final Map<String, List<RosterEnrollment>> activeEnrollmentsOfClass = new HashMap<>();

    /**
     * @param externalReferences references into delta or absent files that this set does not resolve
     * @param ignoredFiles       files of the set that are not read (lineItems.csv, a readme…)
     */
    public RosterSet(RosterManifest manifest, List<RosterOrg> orgs, List<RosterSession> sessions,
            List<RosterCourse> courses, List<RosterClass> classes, List<RosterUser> users, List<RosterRole> roles,
            List<RosterEnrollment> enrollments, List<RosterDemographic> demographics,
            List<ExternalReference> externalReferences, List<String> ignoredFiles) {
        this.manifest = manifest;
        this.orgs = List.copyOf(orgs);
        this.sessions = List.copyOf(sessions);
        this.courses = List.copyOf(courses);
        this.classes = List.copyOf(classes);
        this.users = List.copyOf(users);
        this.roles = List.copyOf(roles);
        this.enrollments = List.copyOf(enrollments);
        this.demographics = List.copyOf(demographics);
        this.externalReferences = List.copyOf(externalReferences);
        this.ignoredFiles = List.copyOf(ignoredFiles);
        this.orgById = byId(this.orgs);
        this.sessionById = byId(this.sessions);
        this.courseById = byId(this.courses);
        this.classById = byId(this.classes);
        this.userById = byId(this.users);
        this.roles.stream().filter(r -> !r.deleted() && r.userSourcedId() != null).forEach(
                r -> activeRolesOfUser.computeIfAbsent(r.userSourcedId(), k -> new ArrayList<>()).add(r));
        this.enrollments.stream().filter(e -> !e.deleted() && e.classSourcedId() != null).forEach(
                e -> activeEnrollmentsOfClass.computeIfAbsent(e.classSourcedId(), k -> new ArrayList<>()).add(e));
    }

    /** The same set with the references it leaves to stored data. */
    RosterSet withExternalReferences(List<ExternalReference> references) {
        return new RosterSet(manifest, orgs, sessions, courses, classes, users, roles, enrollments, demographics,
                references, ignoredFiles);
    }

    private static <T extends RosterRecord> Map<String, T> byId(List<T> rows) {
        Map<String, T> map = new LinkedHashMap<>();
        rows.stream().filter(r -> r.sourcedId() != null).forEach(r -> map.putIfAbsent(r.sourcedId(), r));
        return map;
    }

    public RosterManifest manifest() {
        return manifest;
    }

    public List<RosterOrg> orgs() {
        return orgs;
    }

    public List<RosterSession> sessions() {
        return sessions;
    }

    public List<RosterCourse> courses() {
        return courses;
    }

    public List<RosterClass> classes() {
        return classes;
    }

    public List<RosterUser> users() {
        return users;
    }

    public List<RosterRole> roles() {
        return roles;
    }

    public List<RosterEnrollment> enrollments() {
        return enrollments;
    }

    public List<RosterDemographic> demographics() {
        return demographics;
    }

    /** References this set leaves for whoever applies it to resolve against stored data. */
    public List<ExternalReference> externalReferences() {
        return externalReferences;
    }

    /** Files of the set that were accepted and not read, sorted. */
    public List<String> ignoredFiles() {
        return ignoredFiles;
    }

    public Optional<RosterOrg> findOrg(String sourcedId) {
        return Optional.ofNullable(orgById.get(sourcedId));
    }

    public Optional<RosterSession> findSession(String sourcedId) {
        return Optional.ofNullable(sessionById.get(sourcedId));
    }

    public Optional<RosterCourse> findCourse(String sourcedId) {
        return Optional.ofNullable(courseById.get(sourcedId));
    }

    public Optional<RosterClass> findClass(String sourcedId) {
        return Optional.ofNullable(classById.get(sourcedId));
    }

    public Optional<RosterUser> findUser(String sourcedId) {
        return Optional.ofNullable(userById.get(sourcedId));
    }

    /** The active orgs of type school. */
    public List<RosterOrg> schools() {
        return orgs.stream().filter(o -> !o.deleted() && o.school()).toList();
    }

    /** The active classes of a school. */
    public List<RosterClass> classesOf(String schoolSourcedId) {
        return classes.stream().filter(c -> !c.deleted() && schoolSourcedId.equals(c.schoolSourcedId())).toList();
    }

    /** The active enrollments of a class, teachers' and students'. */
    public List<RosterEnrollment> enrollmentsOf(String classSourcedId) {
        return List.copyOf(activeEnrollmentsOfClass.getOrDefault(classSourcedId, List.of()));
    }

    /**
     * The active users teaching at an org: with a primary teacher role there, or with the org as primary org and a
     * teacher role anywhere.
     */
    public List<RosterUser> teachersOf(String orgSourcedId) {
        return withRoleAt(RosterRole.TEACHER, orgSourcedId);
    }

    /** The active students of an org, by the same rule as {@link #teachersOf}. */
    public List<RosterUser> studentsOf(String orgSourcedId) {
        return withRoleAt(RosterRole.STUDENT, orgSourcedId);
    }

    private List<RosterUser> withRoleAt(String role, String orgSourcedId) {
        Function<RosterUser, List<RosterRole>> rolesOf = u -> activeRolesOfUser.getOrDefault(u.sourcedId(), List.of());
        Predicate<RosterUser> at = u -> rolesOf.apply(u).stream().anyMatch(r -> role.equals(r.role())
                && (r.primary() && orgSourcedId.equals(r.orgSourcedId())
                        || orgSourcedId.equals(u.primaryOrgSourcedId())));
        return users.stream().filter(u -> !u.deleted() && u.sourcedId() != null).filter(at).toList();
    }

    @Override
    public String toString() {
        return "RosterSet[" + orgs.size() + " orgs, " + sessions.size() + " sessions, " + courses.size()
                + " courses, " + classes.size() + " classes, " + users.size() + " users, " + roles.size() + " roles, "
                + enrollments.size() + " enrollments, " + demographics.size() + " demographics, "
                + externalReferences.size() + " external references, ignored " + ignoredFiles + "]";
    }
}
