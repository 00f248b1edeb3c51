/**
 * Who is calling and what they may do. The platform authenticates every /api request and enforces
 * {@link org.gigaplan.plan.security.Public} and {@link org.gigaplan.plan.security.Allow} on resource methods;
 * a module reads the caller with {@link org.gigaplan.plan.security.Caller#of} and never parses headers itself.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.gigaplan.plan.security;
