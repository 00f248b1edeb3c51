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

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    NetworkService network;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        if (findings) {
            ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, "指摘はありません", "no findings"));
            table.rightColumns("ID")
                    .columns(ConsoleText.in(locale, "学校", "School"), ConsoleText.in(locale, "指摘日", "Opened"))
                    .rightColumns("Mbps", ConsoleText.in(locale, "推奨", "Needed"))
                    .columns(ConsoleText.in(locale, "解決日", "Closed"))
                    .rightColumns(ConsoleText.in(locale, "日数", "Days"), ConsoleText.in(locale, "記録", "Notes"));
            for (Finding f : network.findings(null, false)) {
                table.row(f.id(), f.schoolId(), f.openedAt().toString().substring(0, 10), f.openedMbps(),
                        f.recommendedMbps(),
                        f.open() ? ConsoleText.in(locale, "未解決", "open") : f.closedAt().toString().substring(0, 10),
                        f.daysToResolve() == null ? "" : f.daysToResolve(), f.notes().size());
            }
            table.print(System.out);
            return null;
        }
        ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, "学校がありません", "no schools"));
        table.columns(ConsoleText.in(locale, "学校", "School"), ConsoleText.in(locale, "名前", "Name"))
                .rightColumns(ConsoleText.in(locale, "児童生徒数", "Enrollment"),
                        ConsoleText.in(locale, "推奨 Mbps", "Needed Mbps"),
                        ConsoleText.in(locale, "中央値 Mbps", "Median Mbps"), ConsoleText.in(locale, "測定数", "Tests"))
                .columns(ConsoleText.in(locale, "状態", "Status"), ConsoleText.in(locale, "指摘", "Finding"));
        for (SchoolStatus s : network.statuses(null)) {
            table.row(s.schoolId(), ConsoleText.of(s.name(), locale, 30), s.enrollment(),
                    s.recommended().mbps() + (s.recommended().interpolated()
                            ? ConsoleText.in(locale, "（補間）", " (interpolated)") : ""),
                    s.medianMbps() == null ? "–" : s.medianMbps(), s.tests(), s.state(),
                    s.openFinding() == null ? "" : "#" + s.openFinding());
        }
        table.print(System.out);
        return null;
    }
}
