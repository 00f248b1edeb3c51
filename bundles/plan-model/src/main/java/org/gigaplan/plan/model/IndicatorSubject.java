package org.gigaplan.plan.model;

/** What an indicator counts over. */
public enum IndicatorSubject {
    SCHOOL, MUNICIPALITY, TEACHER, CLASS, LEARNER
}
