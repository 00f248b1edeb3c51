package org.gigaplan.plan.security;

/** What a caller is to the plan. */
public enum Role {
    /** Board of education staff: the whole city. */
    BOARD,
    /** Staff of one school: that school's data only. */
    SCHOOL,
    /** A machine client with an API key, bound to one school: may only post records. */
    AGENT,
    /** A teacher of one school: their own records only, where a module allows it. */
    TEACHER,
    /** A learner (student) of one school: their own learning records only, where a module allows it. */
    LEARNER
}
