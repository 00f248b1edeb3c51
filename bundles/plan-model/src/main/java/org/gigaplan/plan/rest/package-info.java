@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.4.0")
package org.gigaplan.plan.rest;
