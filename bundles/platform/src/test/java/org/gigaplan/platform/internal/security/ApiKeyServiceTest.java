package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.platform.internal.SchoolServiceImpl;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

    private final DataSource ds = TestDatabase.derby("apikeys").dataSource();
    private ApiKeyService keys;

    @BeforeEach
    void setUp() {
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
        PlatformDatabase db = new PlatformDatabase(ds);
        keys = new ApiKeyService(db, new SchoolServiceImpl(db));
    }

    @Test
    void aKeyStandsForAnAgentOfItsSchool() {
        ApiKeyService.CreatedKey key = keys.create("S-E01", "drill vendor", "console:sato");
        assertTrue(key.key().startsWith("gpk_" + key.keyId() + "_"), key.key());
        assertEquals(Optional.of(new Caller("key:" + key.keyId() + " (drill vendor)", Role.AGENT, "S-E01")),
                keys.authenticate(key.key()));
        assertEquals(Optional.of(Role.AGENT), keys.authenticate(" " + key.key() + " ").map(Caller::role));
    }

    @Test
    void wrongMalformedAndRevokedKeysStandForNobody() {
        ApiKeyService.CreatedKey key = keys.create("S-E01", null, "api:sato");
        String wrongSecret = key.key().substring(0, key.key().length() - 1)
                + (key.key().endsWith("A") ? "B" : "A");
        assertTrue(keys.authenticate(wrongSecret).isEmpty());
        assertTrue(keys.authenticate("gpk_0000000000000000_" + "A".repeat(43)).isEmpty());
        assertTrue(keys.authenticate("not a key").isEmpty());
        assertTrue(keys.authenticate(null).isEmpty());

        assertTrue(keys.revoke(key.keyId(), "api:sato"));
        assertFalse(keys.revoke(key.keyId(), "api:sato"), "revoked once");
        assertTrue(keys.authenticate(key.key()).isEmpty());
        ApiKeyService.KeyInfo listed = keys.list("S-E01").get(0);
        assertTrue(listed.revoked());
        assertEquals("api:sato", listed.revokedBy());
    }

    @Test
    void onlyADigestOfTheSecretIsStored() throws Exception {
        ApiKeyService.CreatedKey key = keys.create("S-E01", "speed test", "api:sato");
        String secret = key.key().substring(("gpk_" + key.keyId() + "_").length());
        assertEquals(43, secret.length(), "256 bits, base64url");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM gp_api_key")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String value = rs.getString(i);
                assertFalse(value != null && value.contains(secret), "secret stored in " + rs.getMetaData().getColumnName(i));
            }
            assertNotEquals(secret, rs.getString("secret_sha256"));
        }
    }

    @Test
    void theDemoKeyIsCreatedOnceOnDemandAndStandsForAnAgentOfS_E01() {
        assertTrue(keys.authenticate(ApiKeyService.DEMO_KEY).isEmpty(), "no demo key unless asked for");
        assertTrue(keys.ensureDemoKey());
        assertTrue(keys.ensureDemoKey());
        assertEquals(1, keys.list(null).size());
        assertEquals(Optional.of(new Caller("key:de0de0de0de0de0d (demo agent)", Role.AGENT, "S-E01")),
                keys.authenticate(ApiKeyService.DEMO_KEY));
    }

    @Test
    void leavingDemoModeRevokesTheDemoKeyAndReturningRestoresIt() {
        assertFalse(keys.revokeDemoKey(), "no demo key, nothing to revoke");
        keys.ensureDemoKey();
        assertTrue(keys.demoKeyWorks());
        assertTrue(keys.revokeDemoKey());
        assertFalse(keys.demoKeyWorks());
        assertTrue(keys.authenticate(ApiKeyService.DEMO_KEY).isEmpty(), "the published key no longer logs in");
        assertFalse(keys.revokeDemoKey());
        keys.ensureDemoKey();
        assertTrue(keys.demoKeyWorks(), "back in demo mode");
        assertTrue(keys.revoke("de0de0de0de0de0d", "board"));
        keys.ensureDemoKey();
        assertFalse(keys.demoKeyWorks(), "a key the board revoked stays revoked");
    }

    /** The user test sent {} and read "no school null": a school not given is required, in English and Japanese. */
    @Test
    void aKeyWithoutASchoolIsRefusedAsRequired() {
        for (String none : new String[] { null, " " }) {
            org.gigaplan.plan.rest.InvalidInputException.FieldError error = assertThrows(InvalidInputException.class,
                    () -> keys.create(none, "x", "api:sato")).errors().get(0);
            assertEquals("schoolId", error.field());
            assertEquals("required: the school whose agent uses the key, such as S-E01", error.detail());
            assertEquals("必須です（キーを使う学校、例: S-E01）", error.japanese());
        }
    }

    @Test
    void keysBelongToSchoolsThatExist() {
        assertEquals("schoolId", assertThrows(InvalidInputException.class,
                () -> keys.create("NOPE", "x", "api:sato")).errors().get(0).field());
        assertEquals("label", assertThrows(InvalidInputException.class,
                () -> keys.create("S-E01", "x".repeat(101), "api:sato")).errors().get(0).field());
    }
}
