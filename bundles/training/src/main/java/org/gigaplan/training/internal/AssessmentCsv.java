package org.gigaplan.training.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * A whole school's checklist answers as CSV, the form schools already collect: {@code teacher_id,A-1,…,D-4}, one row
 * per teacher; a cell holds 1–4, the Japanese answer (できる…) or nothing. Errors name line and column.
 */
public final class AssessmentCsv {

    private AssessmentCsv() {
    }

    public static List<Assessment> parse(Reader csv, FiscalYear fy, Checklist checklist) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        List<FieldError> errors = new ArrayList<>();
        List<Assessment> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
            if (header.isEmpty() || !header.get(0).equals("teacher_id")) {
                throw new InvalidInputException("line 1", "header must start with teacher_id, then item codes A-1 … D-4");
            }
            for (String h : header.subList(1, header.size())) {
                if (checklist.item(h).isEmpty()) {
                    errors.add(new FieldError("line 1." + h, "no checklist item " + h + ": items are A-1 … D-4"));
                }
            }
            for (CSVRecord row : parser) {
                String line = "line " + (row.getRecordNumber() + 1);
                if (row.size() != header.size()) {
                    errors.add(new FieldError(line, "expected " + header.size() + " columns, found " + row.size()));
                    continue;
                }
                List<FieldError> rowErrors = new ArrayList<>();
                TrainingService.checkTeacher(row.get(0), line + ".teacher_id", rowErrors);
                Map<String, Integer> answers = new LinkedHashMap<>();
                for (int i = 1; i < header.size(); i++) {
                    String cell = row.get(i);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    Optional<Level> level = Level.parse(cell);
                    if (level.isEmpty()) {
                        rowErrors.add(new FieldError(line + "." + header.get(i),
                                "1–4 or できる, ややできる, あまりできない, ほとんどできない; was \"" + cell + "\""));
                    } else {
                        answers.put(header.get(i), level.get().value());
                    }
                }
                if (answers.isEmpty() && rowErrors.isEmpty()) {
                    rowErrors.add(new FieldError(line, "no answer in this row"));
                }
                errors.addAll(rowErrors);
                out.add(new Assessment(row.get(0), fy.year(), null, answers));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("body", "not readable as CSV: " + e.getMessage());
        }
        InvalidInputException.throwIfAny(errors);
        if (out.isEmpty()) {
            throw new InvalidInputException("body", "no rows after the header");
        }
        return out;
    }

    /** Writes answers per teacher in the import's form, with a byte-order mark for spreadsheet programs. */
    public static void write(Map<String, Map<String, Integer>> answers, Checklist checklist, Writer out) {
        try {
            out.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT);
            List<String> header = new ArrayList<>(List.of("teacher_id"));
            checklist.items().forEach(i -> header.add(i.code()));
            printer.printRecord(header);
            for (Map.Entry<String, Map<String, Integer>> t : answers.entrySet()) {
                List<Object> row = new ArrayList<>(List.of(t.getKey()));
                checklist.items().forEach(i -> row.add(t.getValue().getOrDefault(i.code(), null) == null ? ""
                        : t.getValue().get(i.code())));
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
