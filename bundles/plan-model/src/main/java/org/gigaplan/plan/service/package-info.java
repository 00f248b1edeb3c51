@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.9.0")
package org.gigaplan.plan.service;
