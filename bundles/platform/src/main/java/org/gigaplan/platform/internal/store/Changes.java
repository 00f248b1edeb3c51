package org.gigaplan.platform.internal.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether work on a connection changed data: a statement other than a query (SELECT, VALUES, WITH) prepared or
 * run on it calls {@code onChange}. {@link Sql.Write} uses it to know whether a transaction the database undid had
 * anything in it before the work that failed.
 */
final class Changes {

    private static final Set<String> QUERIES = Set.of("SELECT", "VALUES", "WITH");
    private static final Set<String> RUN_TEXT = Set.of("execute", "executeUpdate", "executeLargeUpdate", "addBatch",
            "executeQuery");

    private Changes() {
    }

    static Connection watch(Connection connection, Runnable onChange) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null
                    && args[0] instanceof String sql) {
                note(sql, onChange);
            }
            Object result = call(target, method, args);
            if (name.equals("createStatement") && result instanceof Statement statement
                    && !(result instanceof PreparedStatement) && !(result instanceof CallableStatement)) {
                return proxy(Statement.class, statement, (st, m, a) -> {
                    if (RUN_TEXT.contains(m.getName()) && a != null && a.length > 0 && a[0] instanceof String sql) {
                        note(sql, onChange);
                    }
                    return call(st, m, a);
                });
            }
            return result;
        });
    }

    private static void note(String sql, Runnable onChange) {
        if (!QUERIES.contains(firstWord(sql))) {
            onChange.run();
        }
    }

    /**
     * A statement's first word, upper-cased: up to the first blank or parenthesis after any leading blanks ("" for
     * one that starts with a parenthesis). By hand: a regular expression here was compiled at every statement.
     */
    static String firstWord(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && !Character.isWhitespace(sql.charAt(end)) && sql.charAt(end) != '(') {
            end++;
        }
        return sql.substring(start, end).toUpperCase(Locale.ROOT);
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(Changes.class.getClassLoader(), new Class<?>[] { type }, h);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
