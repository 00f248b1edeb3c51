/**
 * The plan as data: plan, fiscal-year action plans, basic policies, measures, action items, outlook,
 * indicators with staged targets, schools and the fiscal-year calendar. Plain records, no behaviour
 * beyond arithmetic on themselves.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.7.0")
package org.gigaplan.plan.model;
