package org.gigaplan.training.internal;

import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.csv.CsvWriter;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.service.TeacherService;
import org.gigaplan.plan.rest.InvalidInputException;

/**
 * A whole school's checklist answers as CSV, the form schools already collect: {@code teacher_id,A-1,…,D-4}, one row
 * per teacher; a cell holds 1–4, the Japanese answer (できる…) or nothing. Errors name line and column.
 */
public final class AssessmentCsv {

    private AssessmentCsv() {
    }

    /**
     * A whole school's answers of a fiscal year from a CSV table: {@code teacher_id,A-1,…,D-4}. Every teacher must be
     * on the school's list.
     */
    public static List<Assessment> parse(CsvTable csv, FiscalYear fy, Checklist checklist, TeacherService teachers,
            String schoolId) {
        List<String> header = csv.header();
        if (header.isEmpty() || !header.get(0).equals("teacher_id")) {
            throw new InvalidInputException("line 1", "header must start with teacher_id, then item codes A-1 … D-4",
                    "1行目（見出し）は teacher_id で始め、続けて項目コード A-1〜D-4 を並べてください");
        }
        FieldChecks check = new FieldChecks();
        for (String h : header.subList(1, header.size())) {
            if (checklist.item(h).isEmpty()) {
                check.add("line 1." + h, "no checklist item " + h + ": items are A-1 … D-4",
                        "チェックリストの項目 " + h + " はありません（項目は A-1〜D-4）");
            }
        }
        check.addAll(csv.errors());
        List<Assessment> out = new ArrayList<>();
        Map<String, String> teacherFields = new LinkedHashMap<>();
        for (CsvTable.Row row : csv.requireRows().rows()) {
            FieldChecks rowCheck = new FieldChecks();
            teacherFields.put(row.field("teacher_id"), row.get(0));
            Map<String, Integer> answers = new LinkedHashMap<>();
            for (String item : header.subList(1, header.size())) {
                String cell = row.get(item);
                if (cell.isEmpty()) {
                    continue;
                }
                Optional<ChecklistAnswer> level = ChecklistAnswer.parse(cell);
                if (level.isEmpty()) {
                    rowCheck.add(row.field(item), "1–4 or できる, ややできる, あまりできない, ほとんどできない; was \"" + cell + "\"",
                            "1〜4 か、できる・ややできる・あまりできない・ほとんどできない のいずれかにしてください（\"" + cell
                                    + "\"でした）");
                } else {
                    answers.put(item, level.get().value());
                }
            }
            if (answers.isEmpty() && rowCheck.ok()) {
                rowCheck.add(row.place(), "no answer in this row", "この行には回答がありません");
            }
            check.addAll(rowCheck.errors());
            out.add(new Assessment(row.get(0), fy.year(), null, answers));
        }
        teachers.checkListed(schoolId, teacherFields, check);
        check.throwIfAny();
        return out;
    }

    /** Writes answers per teacher in the import's form, for spreadsheet programs. */
    public static void write(Map<String, Map<String, Integer>> answers, Checklist checklist, Writer out) {
        List<String> header = new ArrayList<>(List.of("teacher_id"));
        checklist.items().forEach(i -> header.add(i.code()));
        CsvWriter csv = CsvWriter.open(out, header);
        for (Map.Entry<String, Map<String, Integer>> t : answers.entrySet()) {
            List<Object> row = new ArrayList<>(List.of(t.getKey()));
            checklist.items().forEach(i -> row.add(t.getValue().get(i.code())));
            csv.row(row);
        }
        csv.flush();
    }
}
