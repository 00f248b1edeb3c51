package org.gigaplan.platform.internal.roster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.platform.internal.roster.RosterState.Enrollment;
import org.gigaplan.platform.internal.roster.RosterState.Klass;
import org.gigaplan.platform.internal.roster.RosterState.Org;
import org.gigaplan.platform.internal.roster.RosterState.Person;

/** The roster's tables: read whole into a {@link RosterState}, and brought to another by writing what differs. */
final class RosterStore {

    RosterState load(Connection c) throws SQLException {
        Map<String, Org> orgs = new HashMap<>();
        for (Org o : Jdbc.list(c, "SELECT sourced_id, school_id, modified_at FROM gp_roster_org",
                r -> new Org(r.getString(1), r.getString(2), instant(r, 3)))) {
            orgs.put(o.sourcedId(), o);
        }
        Map<String, Klass> classes = new HashMap<>();
        for (Klass k : Jdbc.list(c, "SELECT sourced_id, school_id, grade, name, title, special_needs, modified_at "
                + "FROM gp_roster_class", r -> new Klass(r.getString(1), r.getString(2), r.getInt(3), r.getString(4),
                        r.getString(5), r.getInt(6) == 1, instant(r, 7)))) {
            classes.put(k.sourcedId(), k);
        }
        Map<String, Set<String>> identities = new HashMap<>();
        Jdbc.list(c, "SELECT person_id, identity_hmac FROM gp_roster_identity", r -> identities
                .computeIfAbsent(r.getString(1), x -> new HashSet<>()).add(r.getString(2)));
        Map<String, Person> persons = new HashMap<>();
        for (Person p : Jdbc.list(c, "SELECT sourced_id, school_id, role, teacher_code, pseudonym, modified_at "
                + "FROM gp_roster_person", r -> new Person(r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5), identities.getOrDefault(r.getString(1), Set.of()),
                        instant(r, 6)))) {
            persons.put(p.sourcedId(), p);
        }
        Map<String, Enrollment> enrollments = new HashMap<>();
        for (Enrollment e : Jdbc.list(c, "SELECT sourced_id, class_id, person_id, role, attendance_no, modified_at "
                + "FROM gp_roster_enrollment", r -> new Enrollment(r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4), Jdbc.nullableInt(r, 5), instant(r, 6)))) {
            enrollments.put(e.sourcedId(), e);
        }
        return new RosterState(orgs, classes, persons, enrollments);
    }

    /** Writes what differs between the stored roster and the one to keep. */
    void save(Connection c, RosterState before, RosterState after) throws SQLException {
        for (Enrollment e : before.enrollments().values()) {
            if (!after.enrollments().containsKey(e.sourcedId())) {
                Jdbc.update(c, "DELETE FROM gp_roster_enrollment WHERE sourced_id = ?", e.sourcedId());
            }
        }
        for (Person p : before.persons().values()) {
            if (!after.persons().containsKey(p.sourcedId())) {
                Jdbc.update(c, "DELETE FROM gp_roster_identity WHERE person_id = ?", p.sourcedId());
                Jdbc.update(c, "DELETE FROM gp_roster_person WHERE sourced_id = ?", p.sourcedId());
            }
        }
        for (Klass k : before.classes().values()) {
            if (!after.classes().containsKey(k.sourcedId())) {
                Jdbc.update(c, "DELETE FROM gp_roster_class WHERE sourced_id = ?", k.sourcedId());
            }
        }
        for (Org o : before.orgs().values()) {
            if (!after.orgs().containsKey(o.sourcedId())) {
                Jdbc.update(c, "DELETE FROM gp_roster_org WHERE sourced_id = ?", o.sourcedId());
            }
        }
        for (Org o : after.orgs().values()) {
            Org was = before.orgs().get(o.sourcedId());
            if (was == null) {
                Jdbc.update(c, "INSERT INTO gp_roster_org (school_id, modified_at, sourced_id) VALUES (?, ?, ?)",
                        o.schoolId(), o.modified(), o.sourcedId());
            } else if (!was.equals(o)) {
                Jdbc.update(c, "UPDATE gp_roster_org SET school_id = ?, modified_at = ? WHERE sourced_id = ?",
                        o.schoolId(), o.modified(), o.sourcedId());
            }
        }
        for (Klass k : after.classes().values()) {
            Klass was = before.classes().get(k.sourcedId());
            Object[] values = { k.schoolId(), k.grade(), k.name(), k.title(), k.specialNeeds() ? 1 : 0, k.modified(),
                    k.sourcedId() };
            if (was == null) {
                Jdbc.update(c, "INSERT INTO gp_roster_class (school_id, grade, name, title, special_needs, modified_at, "
                        + "sourced_id) VALUES (?, ?, ?, ?, ?, ?, ?)", values);
            } else if (!was.equals(k)) {
                Jdbc.update(c, "UPDATE gp_roster_class SET school_id = ?, grade = ?, name = ?, title = ?, "
                        + "special_needs = ?, modified_at = ? WHERE sourced_id = ?", values);
            }
        }
        for (Person p : after.persons().values()) {
            Person was = before.persons().get(p.sourcedId());
            Object[] values = { p.schoolId(), p.role(), p.teacherCode(), p.pseudonym(), p.modified(), p.sourcedId() };
            if (was == null) {
                Jdbc.update(c, "INSERT INTO gp_roster_person (school_id, role, teacher_code, pseudonym, modified_at, "
                        + "sourced_id) VALUES (?, ?, ?, ?, ?, ?)", values);
            } else if (!was.equals(p)) {
                Jdbc.update(c, "UPDATE gp_roster_person SET school_id = ?, role = ?, teacher_code = ?, pseudonym = ?, "
                        + "modified_at = ? WHERE sourced_id = ?", values);
            }
            Set<String> had = was == null ? Set.of() : was.identities();
            for (String gone : had) {
                if (!p.identities().contains(gone)) {
                    Jdbc.update(c, "DELETE FROM gp_roster_identity WHERE identity_hmac = ?", gone);
                }
            }
            for (String added : p.identities()) {
                if (!had.contains(added)) {
                    // One identity names one person: the newest import's.
                    Jdbc.update(c, "DELETE FROM gp_roster_identity WHERE identity_hmac = ?", added);
                    Jdbc.update(c, "INSERT INTO gp_roster_identity (identity_hmac, person_id) VALUES (?, ?)", added,
                            p.sourcedId());
                }
            }
        }
        for (Enrollment e : after.enrollments().values()) {
            Enrollment was = before.enrollments().get(e.sourcedId());
            Object[] values = { e.classId(), e.personId(), e.role(), e.attendanceNo(), e.modified(), e.sourcedId() };
            if (was == null) {
                Jdbc.update(c, "INSERT INTO gp_roster_enrollment (class_id, person_id, role, attendance_no, modified_at, "
                        + "sourced_id) VALUES (?, ?, ?, ?, ?, ?)", values);
            } else if (!Objects.equals(was, e)) {
                Jdbc.update(c, "UPDATE gp_roster_enrollment SET class_id = ?, person_id = ?, role = ?, attendance_no = ?, "
                        + "modified_at = ? WHERE sourced_id = ?", values);
            }
        }
    }

    /** The installation's roster key: made on first use, kept in the database (all nodes share it). */
    String key(Connection c) throws SQLException {
        Optional<String> key = Jdbc.first(c, "SELECT secret FROM gp_roster_key WHERE id = 1", r -> r.getString(1));
        if (key.isPresent()) {
            return key.get();
        }
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String made = java.util.HexFormat.of().formatHex(bytes);
        Jdbc.update(c, "INSERT INTO gp_roster_key (id, secret) VALUES (1, ?)", made);
        return made;
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
