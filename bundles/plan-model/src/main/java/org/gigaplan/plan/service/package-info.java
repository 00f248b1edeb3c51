@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.12.0")
package org.gigaplan.plan.service;
