@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.10.0")
package org.gigaplan.plan.service;
