/**
 * Testing a policy module inside a real OSGi framework (osgi-test and bnd-testing), beside the platform as the
 * distribution runs it: an in-memory Derby DataSource for the platform to migrate and start on, and what a test reads
 * of the running framework. A module gets the framework by depending on this bundle (it brings the platform and the
 * runtime) and adding a test.bndrun; see the plugin guide.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gigaplan.testkit.osgi;
