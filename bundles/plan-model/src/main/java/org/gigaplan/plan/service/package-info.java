@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.13.0")
package org.gigaplan.plan.service;
