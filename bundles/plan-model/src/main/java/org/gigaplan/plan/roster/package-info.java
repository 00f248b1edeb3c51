/**
 * The roster: the schools' classes, teachers and learners as the board's OneRoster (Japan Profile) files say, imported
 * by the platform ({@link org.gigaplan.plan.roster.RosterService}). Modules read it, and hear of each import
 * ({@link org.gigaplan.plan.roster.RosterListener}, on the importing node) to bring what they keep from it in the
 * database up to date; what they keep in memory they check against {@link org.gigaplan.plan.roster.RosterService#version()}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gigaplan.plan.roster;
