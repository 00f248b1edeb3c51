/**
 * The roster: the schools' classes, teachers and learners as the board's OneRoster (Japan Profile) files say, imported
 * by the platform ({@link org.gigaplan.plan.roster.RosterService}). Modules read it, and hear of each import
 * ({@link org.gigaplan.plan.roster.RosterListener}) to bring what they keep from it (a class list) up to date.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gigaplan.plan.roster;
