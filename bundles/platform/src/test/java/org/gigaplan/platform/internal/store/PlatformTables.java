package org.gigaplan.platform.internal.store;

/** The platform's own tables, children before parents: emptied so each test starts from a migrated, empty schema. */
public final class PlatformTables {

    public static final String[] ALL = { "gp_plan_import", "gp_school", "gp_demo_run", "gp_api_key", "gp_audit",
            "gp_module_school", "gp_teacher", "gp_session", "gp_evaluation", "gp_notice_read", "gp_notice", "gp_contact",
            "gp_notify_pref", "gp_mail", "gp_job", "gp_digest_status", "gp_roster_enrollment", "gp_roster_identity",
            "gp_roster_person", "gp_roster_class", "gp_roster_org", "gp_roster_key", "gp_login_failure",
            "gp_user_role", "gp_user" };

    private PlatformTables() {
    }
}
