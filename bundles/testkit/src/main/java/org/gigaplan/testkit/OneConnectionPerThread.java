package org.gigaplan.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

import javax.sql.DataSource;

/**
 * A DataSource that refuses a second connection to a thread already holding one. The distribution pools its
 * connections: a request that holds one and waits for another can starve the pool (every request holding one,
 * all waiting for a second), so no code path may take two at once. The store tests run on it.
 */
final class OneConnectionPerThread {

    private static final ThreadLocal<Integer> HELD = ThreadLocal.withInitial(() -> 0);

    private OneConnectionPerThread() {
    }

    static DataSource wrap(DataSource target) {
        InvocationHandler dataSource = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                if (HELD.get() > 0) {
                    throw new IllegalStateException("this thread already holds a connection: a transaction inside "
                            + "a transaction can starve the connection pool; take what it needs before the transaction");
                }
                Connection c = (Connection) invoke(target, method, args);
                HELD.set(HELD.get() + 1);
                return connection(c);
            }
            return invoke(target, method, args);
        };
        return (DataSource) Proxy.newProxyInstance(OneConnectionPerThread.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, dataSource);
    }

    private static Connection connection(Connection target) {
        boolean[] closed = { false };
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && !closed[0]) {
                closed[0] = true;
                HELD.set(HELD.get() - 1);
            }
            return invoke(target, method, args);
        };
        return (Connection) Proxy.newProxyInstance(OneConnectionPerThread.class.getClassLoader(),
                new Class<?>[] { Connection.class }, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
