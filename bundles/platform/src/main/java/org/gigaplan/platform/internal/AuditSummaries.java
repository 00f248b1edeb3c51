package org.gigaplan.platform.internal;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.service.SchoolImport;

/**
 * How the platform's writes describe themselves in the audit log, the same whether they came through /api or
 * the console. Never a password or key.
 */
public final class AuditSummaries {

    private AuditSummaries() {
    }

    /** An import: what was in force → what is, and what a confirmed replace threw away. */
    public static String planImport(Plan before, PlanServiceImpl.Imported imported) {
        PlanVersion after = imported.version();
        if (!imported.stored()) {
            return "plan " + after.planId() + " data " + after.dataVersion() + " imported again: unchanged (version "
                    + after.version() + ")";
        }
        return "plan " + before.id() + " data " + before.dataVersion() + " → " + after.planId() + " data "
                + after.dataVersion() + " (version " + after.version() + ", " + after.actionItems() + " action items"
                + (imported.check() == null ? "" : ", " + imported.check().changes().size() + " changes")
                + (imported.replaced() ? "; " + imported.check().replaced() : "") + ")";
    }

    /** A dry run of an import: what it would change and lose. */
    public static String planImportTried(PlanImportCheck check) {
        return "plan import dry run: " + check.planId() + " data " + check.dataVersion() + " against version "
                + check.inForce() + ": " + (check.unchanged() ? "unchanged" : check.changes().size() + " changes, "
                + check.undone().size() + " undoing changes made here, action plans dropped "
                + check.actionPlansDropped());
    }

    /** A change to the plan: its version, what it did, and the first fields changed, before → after. */
    public static String planChange(PlanVersion v) {
        StringBuilder out = new StringBuilder("plan version ").append(v.version()).append(" (").append(v.kind())
                .append("): ").append(v.summary());
        v.changes().stream().limit(5).forEach(c -> out.append("; ").append(c.path()).append(": ")
                .append(shorten(c.before())).append(" → ").append(shorten(c.after())));
        if (v.changes().size() > 5) {
            out.append("; and ").append(v.changes().size() - 5).append(" more");
        }
        return out.toString();
    }

    /** A field's JSON for a line of text: "(none)" when absent, cut at 80 characters. */
    public static String shorten(String json) {
        return json == null ? "(none)" : json.length() > 80 ? json.substring(0, 79) + "…" : json;
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
