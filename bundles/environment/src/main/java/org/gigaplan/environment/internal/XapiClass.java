package org.gigaplan.environment.internal;

import java.time.Instant;

/** A class named in a school's statements: how many statements and learners in the period, and the newest. */
public record XapiClass(String classRef, long statements, int learners, Instant newest) {
}
