package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.Map;

/**
 * A teacher's self-assessment on the checklist for a fiscal year.
 *
 * @param teacherId  the teacher's code within the school
 * @param fiscalYear the fiscal year assessed
 * @param answeredOn as of when; by default March 1 of the fiscal year (the survey's date)
 * @param answers    item code (A-1…D-4) → 1–4
 */
public record Assessment(String teacherId, Integer fiscalYear, LocalDate answeredOn, Map<String, Integer> answers) {
}
