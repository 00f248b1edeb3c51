package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.service.Jdbc;

/** Each school's list of teachers ({@code gp_teacher}). Every method runs in the caller's transaction. */
public final class TeacherStore {

    private static final String COLUMNS = "school_id, code, name, registered_at, source, retired_at";

    public List<Teacher> list(Connection c, String schoolId, boolean retired) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM gp_teacher WHERE school_id = ?"
                + (retired ? "" : " AND retired_at IS NULL") + " ORDER BY code", TeacherStore::row, schoolId);
    }

    public Optional<Teacher> find(Connection c, String schoolId, String code) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM gp_teacher WHERE school_id = ? AND code = ?", TeacherStore::row,
                schoolId, code);
    }

    public void insert(Connection c, String schoolId, String code, String name, String source, String by, Instant at)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO gp_teacher (school_id, code, name, source, registered_at, registered_by) "
                + "VALUES (?, ?, ?, ?, ?, ?)", schoolId, code, name, source, at, by);
    }

    /** Lists a teacher again (when retired) under the name given (null: none). */
    public void relist(Connection c, String schoolId, String code, String name) throws SQLException {
        Jdbc.update(c, "UPDATE gp_teacher SET name = ?, retired_at = NULL WHERE school_id = ? AND code = ?", name,
                schoolId, code);
    }

    public void retire(Connection c, String schoolId, String code, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE gp_teacher SET retired_at = ? WHERE school_id = ? AND code = ? AND retired_at IS NULL", at,
                schoolId, code);
    }

    public int delete(Connection c, String schoolId, String code) throws SQLException {
        return Jdbc.update(c, "DELETE FROM gp_teacher WHERE school_id = ? AND code = ?", schoolId, code);
    }

    private static Teacher row(ResultSet r) throws SQLException {
        Timestamp retired = r.getTimestamp(6);
        return new Teacher(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(), r.getString(5),
                retired == null ? null : retired.toInstant());
    }
}
