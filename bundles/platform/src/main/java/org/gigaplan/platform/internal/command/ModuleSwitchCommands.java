package org.gigaplan.platform.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.platform.internal.AuditSummaries;

/** Console commands that switch an installed policy module on or off for one school. */
public final class ModuleSwitchCommands {

    private ModuleSwitchCommands() {
    }

    /** What both commands share: checking the module and school, switching, auditing. */
    abstract static class Switch implements Action {

        @Argument(index = 0, name = "module", required = true, description = "Id of an installed policy module")
        String module;

        @Argument(index = 1, name = "school", required = true, description = "Id of the school")
        String school;

        @Reference
        ModuleEnablement enablement;

        @Reference
        ProgressService progress;

        @Reference
        SchoolService schools;

        @Reference
        AuditLog audit;

        @Reference
        Session session;

        abstract boolean enabled();

        @Override
        public Object execute() {
            if (!progress.installed(module)) {
                throw new IllegalArgumentException("No installed policy module " + module + " (see gigaplan:modules)");
            }
            if (schools.find(school).isEmpty()) {
                throw new IllegalArgumentException("No school " + school + " (see school:list)");
            }
            boolean before = enablement.set(module, school, enabled(), "console:" + session.get("USER"));
            String change = AuditSummaries.moduleSwitch(module, school, before, enabled());
            ConsoleAudit.record(audit, session, school, "gigaplan:" + (enabled() ? "enable" : "disable") + " " + module + " "
                    + school, true, change);
            System.out.println(change);
            return null;
        }
    }

    @Service
    @Command(scope = "gigaplan", name = "disable", description = "Switches an installed policy module off for one "
            + "school: its endpoints refuse the school's users and agents, its indicators leave the school out.")
    public static class Disable extends Switch {
        @Override
        boolean enabled() {
            return false;
        }
    }

    @Service
    @Command(scope = "gigaplan", name = "enable", description = "Switches a policy module back on for one school.")
    public static class Enable extends Switch {
        @Override
        boolean enabled() {
            return true;
        }
    }
}
