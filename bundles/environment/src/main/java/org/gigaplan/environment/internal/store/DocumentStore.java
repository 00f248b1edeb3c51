package org.gigaplan.environment.internal.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.gigaplan.environment.internal.Digests;
import org.gigaplan.plan.service.Jdbc;

/**
 * The LRS's documents. A document is named by its set (kind, school, activity, agent, registration: the parts the
 * resource takes besides the document's id) and its id; both are kept as SHA-256 keys, so one index finds a document
 * and another a set's documents.
 */
public final class DocumentStore {

    /** What names a set of documents: a State's activity, agent and registration; a profile's activity or agent. */
    public record Set(String kind, String schoolId, String activityId, String agentKey, String registration) {

        String key() {
            return Digests.sha256(String.join("\u0000", kind, schoolId, nz(activityId), nz(agentKey), nz(registration)));
        }

        String keyOf(String docId) {
            return Digests.sha256(key() + "\u0000" + docId);
        }
    }

    /** A document as kept. */
    public record Document(String id, String contentType, byte[] content, String etag, Instant updatedAt) {
    }

    public Optional<Document> find(Connection c, Set set, String docId) throws SQLException {
        return Jdbc.first(c, "SELECT doc_id, content_type, content, etag, updated_at FROM env_xapi_document "
                + "WHERE doc_key = ?", DocumentStore::read, set.keyOf(docId));
    }

    /** The ids of a set's documents, changed after {@code since} if given. */
    public List<String> ids(Connection c, Set set, Instant since) throws SQLException {
        return since == null
                ? Jdbc.list(c, "SELECT doc_id FROM env_xapi_document WHERE set_key = ? ORDER BY doc_id",
                        r -> r.getString(1), set.key())
                : Jdbc.list(c, "SELECT doc_id FROM env_xapi_document WHERE set_key = ? AND updated_at > ? ORDER BY "
                        + "doc_id", r -> r.getString(1), set.key(), since);
    }

    /** Stores a document whole, in place of the one of its id. */
    public void put(Connection c, Set set, String docId, String contentType, byte[] content, Instant at)
            throws SQLException {
        String key = set.keyOf(docId);
        Jdbc.update(c, "DELETE FROM env_xapi_document WHERE doc_key = ?", key);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_document (doc_key, kind, school_id, "
                + "activity_id, agent_key, registration, doc_id, content_type, content, etag, updated_at, set_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, set.kind());
            s.setString(3, set.schoolId());
            s.setString(4, set.activityId());
            s.setString(5, set.agentKey());
            s.setString(6, set.registration());
            s.setString(7, docId);
            s.setString(8, contentType);
            s.setBytes(9, content);
            s.setString(10, etag(content));
            s.setTimestamp(11, Timestamp.from(at));
            s.setString(12, set.key());
            s.executeUpdate();
        }
    }

    /** Deletes every document naming an agent (States and Agent Profiles), at every school; how many there were. */
    static int eraseAgent(Connection c, String agentKey) throws SQLException {
        return Jdbc.update(c, "DELETE FROM env_xapi_document WHERE agent_key = ?", agentKey);
    }

    public boolean delete(Connection c, Set set, String docId) throws SQLException {
        return Jdbc.update(c, "DELETE FROM env_xapi_document WHERE doc_key = ?", set.keyOf(docId)) == 1;
    }

    public int deleteAll(Connection c, Set set) throws SQLException {
        return Jdbc.update(c, "DELETE FROM env_xapi_document WHERE set_key = ?", set.key());
    }

    /** The ETag of a content: its SHA-1, hexadecimal. */
    public static String etag(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document read(ResultSet r) throws SQLException {
        return new Document(r.getString(1), r.getString(2), r.getBytes(3), r.getString(4),
                r.getTimestamp(5).toInstant());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
