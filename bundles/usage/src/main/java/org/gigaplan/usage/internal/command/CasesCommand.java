package org.gigaplan.usage.internal.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.usage.internal.LearningType;
import org.gigaplan.usage.internal.LessonCase;
import org.gigaplan.usage.internal.CaseService;
import org.gigaplan.usage.internal.UsageService;

@Service
@Command(scope = "usage", name = "cases", description = "Lists published lesson cases (授業事例) with their adoption counts.")
public class CasesCommand implements Action {

    @Option(name = "--query", aliases = "-q", description = "Words in title, summary or subject")
    String query;

    @Option(name = "--scene", description = "Only cases showing this scene (1–5)")
    Integer scene;

    @Option(name = "--type", description = "Learning type: INDIVIDUAL, COLLABORATIVE or BOTH")
    String type;

    @Option(name = "--lang", aliases = "-l",
            description = "Language of titles: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    UsageService usage;

    @Reference
    CaseService lessonCases;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        LearningType t = type == null ? null : LearningType.parse(type)
                .orElseThrow(() -> new IllegalArgumentException("--type must be INDIVIDUAL, COLLABORATIVE or BOTH"));
        LessonCase.Query q = new LessonCase.Query(query, scene, t, null, null, null, null);
        ConsoleTable table = new ConsoleTable().emptyText(ConsoleText.in(locale, "該当する授業事例はありません",
                "no lesson case matches"));
        table.rightColumns("ID").columns(ConsoleText.in(locale, "題名", "Title"), ConsoleText.in(locale, "場面", "Scenes"),
                ConsoleText.in(locale, "学びの形", "Type"), ConsoleText.in(locale, "教科", "Subject"))
                .rightColumns(ConsoleText.in(locale, "活用", "Adoptions"), ConsoleText.in(locale, "学校", "Schools"));
        for (LessonCase c : lessonCases.searchCases(q, 0, 500)) {
            table.row(c.id(), ConsoleText.of(c.title(), locale, 40), c.scenes().toString(), c.learningType().name(),
                    c.subject(), c.adoptions(), c.adoptingSchools());
        }
        table.print(System.out);
        long count = lessonCases.countCases(q);
        System.out.println(ConsoleText.in(locale, count + " 件", count + " cases"));
        return null;
    }
}
