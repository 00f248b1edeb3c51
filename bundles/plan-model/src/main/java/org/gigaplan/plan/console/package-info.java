/** Helpers for console commands: tables aligned by display width, language and error text. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.gigaplan.plan.console;
