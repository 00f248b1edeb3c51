package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleText;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.SchoolImport;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.SchoolServiceImpl;

@Service
@Command(scope = "school", name = "import", description = "Adds or updates schools from a UTF-8 CSV file with the "
        + "header id,name_ja,name_en,type,enrollment,classes. Every row is checked first: one bad row and nothing "
        + "is imported.")
public class SchoolImportCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "Path of the CSV file")
    String file;

    @Option(name = "--sample", description = "Mark these schools as sample data, not real schools")
    boolean sample;

    @Option(name = "--type-change", description = "Allow rows that change a school's type (its records' grades are "
            + "then read for the new type)")
    boolean typeChange;

    @Reference
    SchoolServiceImpl schools;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        Path path = Text.existingFile(file);
        // UTF-8 or CP932 (what Japanese Excel writes), told apart by the bytes.
        try (InputStream in = Files.newInputStream(path)) {
            SchoolImport result = schools.importCsv(CsvTable.read(in, null), sample, typeChange);
            ConsoleAudit.record(audit, session, "school:import " + path, true, AuditSummaries.schoolImport(result));
            System.out.println("Imported " + result.total() + " schools: " + result.added() + " added, "
                    + result.updated() + " updated");
        } catch (InvalidInputException e) {
            ConsoleAudit.record(audit, session, "school:import " + path, false, e.errors().size() + " errors");
            throw new IllegalArgumentException("Nothing imported; fix these and try again:" + ConsoleText.errors(e), e);
        }
        return null;
    }
}
