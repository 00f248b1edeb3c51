/**
 * The module test kit: what a policy module's tests need of the platform, without the platform's internals. A
 * {@link org.gigaplan.testkit.TestDatabase} on embedded Derby or a PostgreSQL the kit starts itself, fakes of the
 * plan, school directory, module switches and audit log, fixed clocks, and {@link org.gigaplan.testkit.AtOnce} for
 * races. A test dependency: {@code org.gigaplan:org.gigaplan.testkit}, scope {@code test}.
 */
package org.gigaplan.testkit;
