package org.gigaplan.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ChangesTest {

    @Test
    void aStatementsFirstWordIsWhatComesBeforeABlankOrAParenthesis() {
        assertEquals("SELECT", Changes.firstWord("select * from t"));
        assertEquals("INSERT", Changes.firstWord("\n\t  INSERT INTO t VALUES (1)"));
        assertEquals("VALUES", Changes.firstWord("VALUES(1)"));
        assertEquals("WITH", Changes.firstWord("with\nx AS (SELECT 1) SELECT * FROM x"));
        assertEquals("UPDATE", Changes.firstWord("update"));
        assertEquals("", Changes.firstWord("(SELECT 1)"));
        assertEquals("", Changes.firstWord("   "));
    }

    @Test
    void onlyAStatementOtherThanAQueryIsAChange() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        Connection watched = Changes.watch((Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Connection.class }, (p, m, a) -> null), changes::incrementAndGet);
        watched.prepareStatement("SELECT 1 FROM t");
        watched.prepareStatement("  with x AS (VALUES 1) SELECT * FROM x");
        assertEquals(0, changes.get());
        watched.prepareStatement("DELETE FROM t");
        watched.prepareCall("CALL SYSCS_UTIL.SYSCS_COMPRESS_TABLE('APP', 'T', 1)");
        assertEquals(2, changes.get());
    }
}
