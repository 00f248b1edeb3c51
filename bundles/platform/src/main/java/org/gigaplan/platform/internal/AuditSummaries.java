package org.gigaplan.platform.internal;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.PlanImport;
import org.gigaplan.plan.service.SchoolImport;

/**
 * How the platform's writes describe themselves in the audit log, the same whether they came through /api or
 * the console. Never a password or key.
 */
public final class AuditSummaries {

    private AuditSummaries() {
    }

    public static String planImport(Plan before, PlanImport after) {
        return "plan " + before.id() + " data " + before.dataVersion() + " → " + after.planId() + " data "
                + after.dataVersion() + " (import #" + after.id() + ", " + after.actionItems() + " action items)";
    }

    public static String schoolImport(SchoolImport result) {
        return "schools " + result.added() + " added, " + result.updated() + " updated: " + String.join(", ", result.ids());
    }

    public static String apiKeyCreated(String keyId, String label, String schoolId) {
        return "API key " + keyId + " (" + label + ") created for school " + schoolId;
    }

    public static String apiKeyRevoked(String keyId) {
        return "API key " + keyId + " revoked";
    }

    public static String moduleSwitch(String moduleId, String schoolId, boolean before, boolean after) {
        return "module " + moduleId + " for school " + schoolId + ": " + (before ? "on" : "off") + " → "
                + (after ? "on" : "off");
    }
}
