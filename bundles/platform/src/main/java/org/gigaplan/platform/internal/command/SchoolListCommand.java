package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.service.SchoolService;

@Service
@Command(scope = "school", name = "list", description = "Lists the school directory.")
public class SchoolListCommand implements Action {

    @Option(name = "--type", aliases = "-t", description = "Only schools of this type: ELEMENTARY, JUNIOR_HIGH, "
            + "SECONDARY, HIGH, SPECIAL_NEEDS")
    String type;

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    SchoolService schools;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        SchoolType t = null;
        if (type != null) {
            t = SchoolType.parse(type).orElse(null);
            if (t == null) {
                throw new IllegalArgumentException("Unknown school type " + type + "; use one of "
                        + java.util.Arrays.toString(SchoolType.values()));
            }
        }
        ConsoleTable table = new ConsoleTable();
        table.columns("ID", ConsoleText.in(locale, "名前", "Name"), ConsoleText.in(locale, "学校種", "Type"))
                .rightColumns(ConsoleText.in(locale, "児童生徒数", "Enrollment"), ConsoleText.in(locale, "学級数", "Classes"))
                .columns(ConsoleText.in(locale, "サンプル", "Sample"));
        int n = 0;
        for (School s : schools.list(t, 0, Integer.MAX_VALUE)) {
            table.row(s.id(), s.name().in(locale), s.type().label().in(locale), s.enrollment(),
                    s.classes(), s.sample() ? ConsoleText.in(locale, "サンプル", "sample") : "");
            n++;
        }
        table.print(System.out);
        System.out.println(ConsoleText.in(locale, n + " 校", n + " schools"));
        return null;
    }
}
