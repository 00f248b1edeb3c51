package org.gigaplan.platform.internal.roster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gigaplan.platform.internal.roster.RosterTable.Cells;
import org.gigaplan.platform.internal.roster.RosterUser.UserId;

/**
 * The files the platform reads, each with the columns its header must have and how a row becomes a record. Other
 * columns (the rest of OneRoster's, other {@code metadata.*}) may be there and are not read; the Japan Profile's
 * {@code metadata.jp.*} columns are read when present.
 */
final class RosterRows {

    /**
     * A file the platform reads.
     *
     * @param name    as in the manifest ({@code file.users}): {@code users}
     * @param columns the columns its header must have
     * @param parser  a row to its record
     */
    record FileSpec<T extends RosterRecord>(String name, List<String> columns, Function<Cells, T> parser) {

        String fileName() {
            return name + ".csv";
        }
    }

    private static final List<String> ORG_TYPES = List.of("department", "school", "district", "local", "state",
            "national");
    private static final List<String> SESSION_TYPES = List.of("gradingPeriod", "semester", "schoolYear", "term");
    private static final List<String> CLASS_TYPES = List.of("homeroom", "scheduled");
    private static final List<String> ROLE_TYPES = List.of("primary", "secondary");
    private static final List<String> ROLES = List.of("administrator", "aide", "counselor", "districtAdministrator",
            "guardian", "parent", "principal", "proctor", "relative", "siteAdministrator", "student",
            "systemAdministrator", "teacher");
    private static final List<String> ENROLLMENT_ROLES = List.of("administrator", "guardian", "proctor", "student",
            "teacher");
    private static final List<String> SEXES = List.of("male", "female", "unspecified", "other");
    private static final Pattern USER_ID = Pattern.compile("\\{([^{}:]+):([^{}]+)\\}\\s*(,\\s*|$)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static final FileSpec<RosterOrg> ORGS = new FileSpec<>("orgs", List.of("sourcedId", "status", "dateLastModified",
            "name", "type", "identifier", "parentSourcedId"), RosterRows::org);
    static final FileSpec<RosterSession> SESSIONS = new FileSpec<>("academicSessions", List.of("sourcedId", "status",
            "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"),
            RosterRows::session);
    static final FileSpec<RosterCourse> COURSES = new FileSpec<>("courses", List.of("sourcedId", "status",
            "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects",
            "subjectCodes"), RosterRows::course);
    static final FileSpec<RosterClass> CLASSES = new FileSpec<>("classes", List.of("sourcedId", "status",
            "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location",
            "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"), RosterRows::clazz);
    static final FileSpec<RosterUser> USERS = new FileSpec<>("users", List.of("sourcedId", "status",
            "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "identifier", "email",
            "grades", "primaryOrgSourcedId"), RosterRows::user);
    static final FileSpec<RosterRole> ROLES_FILE = new FileSpec<>("roles", List.of("sourcedId", "status",
            "dateLastModified", "userSourcedId", "roleType", "role", "orgSourcedId", "beginDate", "endDate"),
            RosterRows::role);
    static final FileSpec<RosterEnrollment> ENROLLMENTS = new FileSpec<>("enrollments", List.of("sourcedId", "status",
            "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate",
            "endDate"), RosterRows::enrollment);
    static final FileSpec<RosterDemographic> DEMOGRAPHICS = new FileSpec<>("demographics", List.of("sourcedId",
            "status", "dateLastModified", "birthDate", "sex"), RosterRows::demographic);

    /** Every file read, in the order they are read. */
    static final List<FileSpec<?>> READ = List.of(ORGS, SESSIONS, COURSES, CLASSES, USERS, ROLES_FILE, ENROLLMENTS,
            DEMOGRAPHICS);

    /** OneRoster 1.2's other files: accepted, not read. */
    static final List<String> NOT_READ = List.of("categories", "classResources", "courseResources",
            "lineItemLearningObjectiveIds", "lineItems", "lineItemScoreScales", "resources",
            "resultLearningObjectiveIds", "results", "resultScoreScales", "scoreScales", "userProfiles",
            "userResources");

    private RosterRows() {
    }

    static RosterOrg org(Cells c) {
        return new RosterOrg(c.id(), c.state(), c.lastModified(), c.text("name", true),
                c.oneOf("type", ORG_TYPES, true), c.text("identifier", false), c.text("parentSourcedId", false),
                c.text("metadata.jp.kanaName", false), c.source());
    }

    static RosterSession session(Cells c) {
        RosterSession s = new RosterSession(c.id(), c.state(), c.lastModified(), c.text("title", true),
                c.oneOf("type", SESSION_TYPES, true), c.date("startDate", true), c.date("endDate", true),
                c.text("parentSourcedId", false), c.number("schoolYear", c.text("schoolYear", true), 1900, 2999),
                c.source());
        if (s.startDate() != null && s.endDate() != null && s.endDate().isBefore(s.startDate())) {
            c.error("endDate", "not before startDate " + s.startDate() + ", was " + s.endDate());
        }
        return s;
    }

    static RosterCourse course(Cells c) {
        return new RosterCourse(c.id(), c.state(), c.lastModified(), c.text("schoolYearSourcedId", false),
                c.text("title", true), c.text("courseCode", false), c.grades("grades"), c.text("orgSourcedId", true),
                c.list("subjects", false), c.list("subjectCodes", false), c.source());
    }

    static RosterClass clazz(Cells c) {
        return new RosterClass(c.id(), c.state(), c.lastModified(), c.text("title", true), c.grades("grades"),
                c.text("courseSourcedId", true), c.text("classCode", false), c.oneOf("classType", CLASS_TYPES, true),
                c.text("location", false), c.text("schoolSourcedId", true), c.list("termSourcedIds", true),
                c.list("subjects", false), c.list("subjectCodes", false), c.list("periods", false),
                c.bool("metadata.jp.specialNeeds", false), c.source());
    }

    static RosterUser user(Cells c) {
        Boolean enabled = c.bool("enabledUser", true);
        String username = c.text("username", true);
        List<UserId> userIds = userIds(c);
        String givenName = c.text("givenName", true);
        String familyName = c.text("familyName", true);
        String middleName = c.text("middleName", false);
        String identifier = c.text("identifier", false);
        String email = c.text("email", false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            c.error("email", "an e-mail address (name@example.jp), was \"" + email + "\"");
        }
        return new RosterUser(c.id(), c.state(), c.lastModified(), enabled, username, userIds, givenName, familyName,
                middleName, identifier, email, c.text("metadata.jp.kanaGivenName", false),
                c.text("metadata.jp.kanaFamilyName", false), c.text("metadata.jp.kanaMiddleName", false),
                c.text("preferredGivenName", false), c.text("preferredFamilyName", false),
                c.list("agentSourcedIds", false), c.grades("grades"), c.text("primaryOrgSourcedId", false),
                c.text("metadata.jp.homeClass", false), c.source());
    }

    /** {@code {Feide:1234},{LTI:abc}}: the issuing system, a colon, the identifier (which may hold colons). */
    private static List<UserId> userIds(Cells c) {
        String value = c.text("userIds", false, RosterTable.MAX_LIST_CELL);
        if (value == null) {
            return List.of();
        }
        List<UserId> ids = new ArrayList<>();
        Matcher m = USER_ID.matcher(value);
        int at = 0;
        while (at < value.length() && m.find(at) && m.start() == at) {
            ids.add(new UserId(m.group(1).trim(), m.group(2).trim()));
            at = m.end();
        }
        if (at < value.length()) {
            c.error("userIds", "a list of {type:identifier} separated by commas ({Feide:1234},{LTI:abc}), was \""
                    + value + "\"");
            return List.of();
        }
        return ids;
    }

    static RosterRole role(Cells c) {
        RosterRole r = new RosterRole(c.id(), c.state(), c.lastModified(), c.text("userSourcedId", true),
                c.oneOf("roleType", ROLE_TYPES, true), c.oneOf("role", ROLES, true), c.text("orgSourcedId", true),
                c.text("userProfileSourcedId", false), c.date("beginDate", false), c.date("endDate", false),
                c.source());
        endNotBeforeBegin(c, r.beginDate(), r.endDate());
        return r;
    }

    static RosterEnrollment enrollment(Cells c) {
        String classId = c.text("classSourcedId", true);
        String schoolId = c.text("schoolSourcedId", true);
        String userId = c.text("userSourcedId", true);
        String role = c.oneOf("role", ENROLLMENT_ROLES, true);
        Boolean primary = c.bool("primary", false);
        LocalDate begin = c.date("beginDate", false);
        LocalDate end = c.date("endDate", false);
        endNotBeforeBegin(c, begin, end);
        String no = c.columnOf("metadata.jp.ShussekiNo", "metadata.jp.shussekiNo");
        String flag = c.columnOf("metadata.jp.PublicFlg", "metadata.jp.publicFlg");
        return new RosterEnrollment(c.id(), c.state(), c.lastModified(), classId, schoolId, userId, role, primary,
                begin, end, c.number(no, c.text(no, false), 1, 9999), c.bool(flag, false), c.source());
    }

    static RosterDemographic demographic(Cells c) {
        c.date("birthDate", false);
        c.oneOf("sex", SEXES, false);
        return new RosterDemographic(c.id(), c.state(), c.lastModified(), c.source());
    }

    private static void endNotBeforeBegin(Cells c, LocalDate begin, LocalDate end) {
        if (begin != null && end != null && end.isBefore(begin)) {
            c.error("endDate", "not before beginDate " + begin + ", was " + end);
        }
    }
}
