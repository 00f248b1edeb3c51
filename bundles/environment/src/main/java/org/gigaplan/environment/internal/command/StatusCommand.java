package org.gigaplan.environment.internal.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.environment.internal.Finding;
import org.gigaplan.environment.internal.NetworkService;
import org.gigaplan.environment.internal.SchoolStatus;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;

@Service
@Command(scope = "network", name = "status", description = "Shows every school's network against the recommended "
        + "bandwidth (当面の推奨帯域) for its enrollment, and its open finding.")
public class StatusCommand implements Action {

    @Option(name = "--findings", aliases = "-f", description = "List the findings instead (open and closed)")
    boolean findings;

    @Option(name = "--lang", aliases = "-l", description = "Language of names: ja or en (default: the JVM's)")
    String lang;

    @Reference
    NetworkService network;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        if (findings) {
            ConsoleTable table = new ConsoleTable().emptyText("no findings");
            table.rightColumns("ID")
                    .columns("School", "Opened")
                    .rightColumns("Mbps", "Needed")
                    .columns("Closed")
                    .rightColumns("Days", "Notes");
            for (Finding f : network.findings(null, false)) {
                table.row(f.id(), f.schoolId(), f.openedAt().toString().substring(0, 10), f.openedMbps(),
                        f.recommendedMbps(), f.open() ? "open" : f.closedAt().toString().substring(0, 10),
                        f.daysToResolve() == null ? "" : f.daysToResolve(), f.notes().size());
            }
            table.print(System.out);
            return null;
        }
        ConsoleTable table = new ConsoleTable().emptyText("no schools");
        table.columns("School", "Name")
                .rightColumns("Enrollment", "Needed Mbps", "Median Mbps", "Tests")
                .columns("Status", "Finding");
        for (SchoolStatus s : network.statuses(null)) {
            table.row(s.schoolId(), ConsoleText.of(s.name(), locale, 30), s.enrollment(),
                    s.recommended().mbps() + (s.recommended().interpolated() ? " (interpolated)" : ""),
                    s.medianMbps() == null ? "–" : s.medianMbps(), s.tests(), s.state(),
                    s.openFinding() == null ? "" : "#" + s.openFinding());
        }
        table.print(System.out);
        return null;
    }
}
