package org.gigaplan.platform.internal.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.roster.OneRoster;
import org.gigaplan.platform.internal.roster.RosterChange;
import org.gigaplan.platform.internal.roster.RosterServiceImpl;
import org.gigaplan.platform.internal.roster.RosterSet;

@Service
@Command(scope = "roster", name = "import", description = "Imports a OneRoster 1.2 CSV set (Japan Profile) from a zip "
        + "or a folder: schools into the directory, teachers onto their school's list, homeroom classes and learners "
        + "(pseudonymous). Bulk or delta as its manifest.csv says. Every file is checked first: one bad row and "
        + "nothing is imported. Try it with --dry-run.")
public class RosterImportCommand implements Action {

    @Argument(index = 0, name = "path", required = true, description = "The set's zip file or folder")
    String path;

    @Option(name = "--dry-run", aliases = "-n", description = "Show what would change and store nothing")
    boolean dryRun;

    @Reference
    RosterServiceImpl roster;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        Path at = Paths.get(path).toAbsolutePath().normalize();
        String command = "roster:import " + (dryRun ? "--dry-run " : "") + at;
        try {
            RosterSet set;
            if (Files.isDirectory(at)) {
                set = OneRoster.readFolder(at);
            } else {
                try (java.io.InputStream in = Files.newInputStream(Text.existingFile(path))) {
                    set = OneRoster.readZip(in);
                }
            }
            RosterChange change = dryRun ? roster.preview(set) : roster.apply(set, "console:" + ConsoleAudit.user(session));
            if (!dryRun) {
                ConsoleAudit.record(audit, session, command, true, change.schools().size() + " schools changed "
                        + change.schools().stream().map(RosterChange.SchoolChange::schoolId).toList());
            }
            print(change);
        } catch (InvalidInputException e) {
            if (!dryRun) {
                ConsoleAudit.record(audit, session, command, false, e.errors().size() + " errors");
            }
            throw new IllegalArgumentException("Nothing imported; fix these and try again:" + ConsoleText.errors(e), e);
        }
        return null;
    }

    private static void print(RosterChange change) {
        System.out.println((change.applied() ? "Imported " : "Would import (dry run, nothing stored) ") + change.modes());
        ConsoleTable table = new ConsoleTable().columns("School", "New").rightColumns("Classes +", "Classes -",
                "Teachers +", "Teachers -", "Learners", "Learners +", "Learners -", "Enrollments ±")
                .emptyText("(no change)");
        for (RosterChange.SchoolChange s : change.schools()) {
            table.row(s.schoolId(), s.newSchool() ? "new" : "", s.classesAdded().size(), s.classesRemoved().size(),
                    s.teachersAdded().size(), s.teachersRemoved().size(), s.learnersAfter(), s.learnersAdded(),
                    s.learnersRemoved(), s.enrollmentsAdded() + s.enrollmentsChanged() + s.enrollmentsRemoved());
        }
        table.print(System.out);
        if (!change.ignoredFiles().isEmpty()) {
            System.out.println("Not read: " + String.join(", ", change.ignoredFiles()));
        }
    }
}
