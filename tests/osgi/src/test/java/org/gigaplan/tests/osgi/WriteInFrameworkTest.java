package org.gigaplan.tests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.sql.DataSource;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.testkit.osgi.InFramework;
import org.gigaplan.testkit.osgi.InMemoryDerby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * An /api write is one transaction with its audit entry: a refused write keeps nothing of what its resource stored,
 * and a write whose audit entry cannot be written (here: the audit table locked by another connection, as a long
 * audit query or backup would) is answered 503 with nothing stored, never 500 with the data kept.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@ExtendWith(InMemoryDerby.class)
class WriteInFrameworkTest {

    /** Stores one row per call, in its own transaction, then fails when asked to. */
    @Path("writes/rows")
    @Public
    public static class Rows {
        private final Database database;

        Rows(Database database) {
            this.database = database;
        }

        @POST
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Boolean> add(@QueryParam("fail") boolean fail) {
            database.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO test_write_rows (n) VALUES (1)");
                }
            });
            if (fail) {
                throw new InvalidInputException("fail", "asked to fail after storing a row");
            }
            return Map.of("stored", true);
        }
    }

    @InjectBundleContext
    BundleContext context;
    @InjectService(timeout = 30_000)
    Database database;
    @InjectService(timeout = 30_000)
    DataSource dataSource;
    @InjectService(timeout = 30_000)
    AuditLog audit;
    @InjectService(timeout = 30_000)
    ServiceAware<JaxrsServiceRuntime> runtime;

    private ServiceRegistration<?> module;
    private ServiceRegistration<?> resource;
    private URI rows;

    @BeforeEach
    void register() throws Exception {
        database.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE test_write_rows (n INT)");
            }
            return null;
        });
        module = context.registerService(PolicyModule.class, new TestModule("writes"), null);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(JaxrsWhiteboardConstants.JAX_RS_RESOURCE, Boolean.TRUE);
        properties.put(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT, GigaPlanRest.APPLICATION_SELECT);
        resource = context.registerService(Rows.class, new Rows(database), properties);
        rows = InFramework.endpoint(runtime.getServiceReference()).resolve("/api/writes/rows");
        String[] last = { "" };
        try {
            InFramework.await("the resource on /api", () -> {
                HttpResponse<String> probe = post(URI.create(rows + "?probe=1"));
                last[0] = probe.statusCode() + " " + probe.body();
                return probe.statusCode() == 200;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer: " + last[0], e);
        }
        database.transaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM test_write_rows");
            }
        });
    }

    @AfterEach
    void unregister() {
        resource.unregister();
        module.unregister();
        database.transaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DROP TABLE test_write_rows");
            }
        });
    }

    @Test
    void aRefusedWriteKeepsNothingButItsAuditEntry() {
        long entries = audit.count(AuditLog.Query.all());
        assertEquals(400, post(URI.create(rows + "?fail=true")).statusCode());
        assertEquals(0, count(), "the row the resource stored before it refused went with the refusal");
        assertEquals(entries + 1, audit.count(AuditLog.Query.all()),
                "the refusal is in the audit log");
        assertEquals(200, post(rows).statusCode());
        assertEquals(1, count());
    }

    @Test
    void aWriteWhoseAuditEntryCannotBeWrittenIsAnswered503WithNothingStored() throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE gp_audit IN EXCLUSIVE MODE");
            }
            HttpResponse<String> answer = post(rows);
            assertEquals(503, answer.statusCode(), () -> "answered " + answer.statusCode() + " " + answer.body());
            assertTrue(answer.body().contains("nothing of it is stored"), answer::body);
            lock.rollback();
        }
        assertEquals(0, count(), "the row is not stored without its audit entry");
        assertEquals(200, post(rows).statusCode(), "the same write sent again");
        assertEquals(1, count());
    }

    private int count() {
        return database.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM test_write_rows")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static HttpResponse<String> post(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
