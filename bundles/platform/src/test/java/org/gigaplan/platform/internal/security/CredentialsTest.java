package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.SchoolServiceImpl;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    /** A realm in memory: name → password and roles. */
    private static class Users implements UserDirectory {
        final Map<String, List<String>> users = new TreeMap<>();

        @Override
        public Set<String> names() {
            return Set.copyOf(users.keySet());
        }

        @Override
        public java.util.Optional<org.gigaplan.plan.security.Caller> caller(String name) {
            List<String> entry = users.get(name);
            return entry == null ? java.util.Optional.empty() : Logins.caller(name, Set.copyOf(entry.subList(1,
                    entry.size())));
        }

        @Override
        public void add(String name, String password, List<String> roles) {
            users.put(name, new java.util.ArrayList<>(List.of(password)));
            users.get(name).addAll(roles);
        }

        @Override
        public void remove(String name) {
            users.remove(name);
        }
    }

    /**
     * Karaf's directory of the realm's users comes and goes while the realms register (made anew each time): the
     * component stays, leaves a directory that is not ready alone, settles the users once a ready one comes, and
     * names the demo users that work only while it is there.
     */
    @Test
    void aReadyDirectorySettlesTheUsersWhenItComesAndTheComponentStays() {
        DataSource ds = TestDatabase.derby("credentials").dataSource();
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
        PlatformDatabase db = new PlatformDatabase(ds);
        Credentials credentials = new Credentials(new ApiKeyService(db, new SchoolServiceImpl(db)), true, null);
        Users notYet = new Users() {
            @Override
            public boolean ready() {
                return false;
            }
        };
        credentials.bindUsers(notYet);
        assertEquals(Map.of(), notYet.users, "a directory not ready yet is left alone");
        assertFalse(credentials.demoCredentials().contains("demo-board"));

        Users realm = new Users();
        // Greedy and dynamic: the new directory is bound before the old one goes.
        credentials.bindUsers(realm);
        credentials.unbindUsers(notYet);
        assertEquals(Credentials.DEMO_USERS.keySet(), realm.users.keySet(), "the demo users made");
        assertTrue(credentials.demoCredentials().containsAll(Credentials.DEMO_USERS.keySet()),
                () -> "working: " + credentials.demoCredentials());

        credentials.unbindUsers(realm);
        assertFalse(credentials.demoCredentials().contains("demo-board"), "no directory, no demo user named");
    }

    @Test
    void demoModeAddsTheDemoUsersAndLeavingItRemovesThem() {
        Users realm = new Users();
        realm.add("tanaka", "secret", List.of("board"));
        assertEquals(5, Credentials.settle(realm, true, null).size());
        assertEquals(List.of("demo", "board"), realm.users.get("demo-board"));
        assertEquals(List.of("demo", "learner@S-E01"), realm.users.get("demo-s-e01-5-1-1@drill.example"));
        assertEquals(List.of(), Credentials.settle(realm, true, null), "a second demo start changes nothing");

        List<String> left = Credentials.settle(realm, false, null);
        assertEquals(5, left.size());
        assertTrue(left.stream().allMatch(l -> l.startsWith("Left demo mode: removed demo user")), () -> "" + left);
        assertEquals(Set.of("tanaka"), realm.names(), "real users stay, every demo user is gone");
        assertEquals(List.of(), Credentials.settle(realm, false, null));
    }

    @Test
    void theAdminPasswordMakesAdminOnceAndNeverChangesIt() {
        Users realm = new Users();
        assertEquals(List.of(), Credentials.settle(realm, false, " "), "a blank password makes no admin");
        assertFalse(realm.names().contains("admin"));
        Credentials.settle(realm, false, "first");
        assertEquals(List.of("first", "board"), realm.users.get("admin"));
        assertEquals(List.of(), Credentials.settle(realm, false, "second"));
        assertEquals("first", realm.users.get("admin").get(0), "a later start does not reset admin's password");
    }

    @Test
    void aUserAnotherNodeAddedAtTheSameMomentIsTheirsAndTheStartGoesOn() {
        // Two nodes starting together both find admin missing; the other node's insert lands first.
        Users realm = new Users() {
            @Override
            public void add(String name, String password, List<String> roles) {
                super.add(name, "theirs", roles);
                throw new IllegalStateException("duplicate key value violates unique constraint \"pk_gp_user\"");
            }
        };
        assertEquals(List.of(), Credentials.settle(realm, true, "mine"), "nothing this node created");
        assertEquals("theirs", realm.users.get("admin").get(0));
        assertTrue(realm.names().contains("demo-board"));

        Users broken = new Users() {
            @Override
            public void add(String name, String password, List<String> roles) {
                throw new IllegalStateException("the database is down");
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Credentials.settle(broken, false, "mine"), "a failure that added nobody is not hidden");
    }
}
