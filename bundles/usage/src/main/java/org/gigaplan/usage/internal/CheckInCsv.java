package org.gigaplan.usage.internal;

import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.csv.CsvWriter;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * Check-ins as CSV, the form schools already keep in spreadsheets: one row per class and week,
 * {@code school_id,grade,class,week,scene1,…,scene5}; a scene cell holds a count, an answer on the national scale
 * (code or Japanese label), or nothing when the scene was not reported. Errors name the line and column.
 */
public final class CheckInCsv {

    public static final List<String> IMPORT_HEADER = List.of("school_id", "grade", "class", "week", "scene1", "scene2",
            "scene3", "scene4", "scene5");

    public static final List<String> EXPORT_HEADER = List.of("school_id", "grade", "class", "week", "scene",
            "checkin_uses", "checkin_answer", "event_uses", "uses", "meets_target", "demo");

    private static final Pattern RECORD_FIELD = Pattern.compile("^\\[(\\d+)\\](?:\\.scenes\\[(\\d+)\\](?:\\.\\w+)?|\\.(\\w+))?(.*)$");
    /** A record's field named inside a detail. */
    private static final Pattern RECORD_IN_TEXT = Pattern.compile("\\[\\d+\\](?:\\.scenes\\[\\d+\\])?");

    /** Parsed rows with, per row, the CSV column of each scene entry, to name columns in later errors. */
    public record Parsed(List<CheckIn> checkIns, List<List<String>> sceneColumns, List<Long> lines) {

        /** Renames a service error's field ({@code [3].scenes[1].count}) to its CSV place ({@code line 5.scene2}). */
        public FieldError toCsv(FieldError e) {
            String place = place(e.field());
            if (place == null) {
                return e;
            }
            return new FieldError(place, inDetail(e.detail()), inDetail(e.japanese()));
        }

        /** The CSV place of a record's field, or null when the field names no record. */
        private String place(String field) {
            Matcher m = RECORD_FIELD.matcher(field);
            if (!m.matches()) {
                return null;
            }
            int row = Integer.parseInt(m.group(1));
            String line = "line " + lines.get(row);
            if (m.group(2) != null) {
                return line + "." + sceneColumns.get(row).get(Integer.parseInt(m.group(2)));
            }
            if (m.group(3) != null) {
                String column = switch (m.group(3)) {
                    case "schoolId" -> "school_id";
                    case "className" -> "class";
                    default -> m.group(3);
                };
                return line + "." + column;
            }
            return line;
        }

        /** A detail naming another record ("is also in [0].scenes[0]") names its CSV place instead. */
        private String inDetail(String detail) {
            return detail == null ? null : RECORD_IN_TEXT.matcher(detail).replaceAll(r -> {
                String place = place(r.group());
                return Matcher.quoteReplacement(place == null ? r.group() : place);
            });
        }
    }

    private CheckInCsv() {
    }

    /** Check-ins from a CSV table (see {@link CsvTable#read}); every error names its line and column. */
    public static Parsed parse(CsvTable table) {
        List<String> header = table.header();
        if (!header.containsAll(IMPORT_HEADER.subList(0, 4)) || header.stream().noneMatch(h -> h.startsWith("scene"))) {
            throw new InvalidInputException("line 1", "header must be " + String.join(",", IMPORT_HEADER)
                    + " (scene columns you do not report may be left out), was " + String.join(",", header));
        }
        FieldChecks check = new FieldChecks().addAll(table.errors());
        List<CheckIn> out = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (CsvTable.Row row : table.requireRows().rows()) {
            Integer grade = integer(row.get("grade"), row.field("grade"), check);
            LocalDate week = row.date("week", check);
            List<CheckIn.SceneUse> uses = new ArrayList<>();
            List<String> used = new ArrayList<>();
            for (String h : header) {
                if (!h.startsWith("scene")) {
                    continue;
                }
                Integer scene = integer(h.substring("scene".length()), "line 1." + h, check);
                String cell = row.get(h);
                if (scene == null || cell.isEmpty()) {
                    continue;
                }
                used.add(h);
                uses.add(cell.chars().allMatch(ch -> ch == '-' || Character.isDigit(ch))
                        ? new CheckIn.SceneUse(scene, integer(cell, row.field(h), check), null)
                        : new CheckIn.SceneUse(scene, null, cell));
            }
            out.add(new CheckIn(row.get("school_id"), grade, row.get("class"), week, uses));
            columns.add(used);
            lines.add(row.line());
        }
        check.throwIfAny();
        return new Parsed(out, columns, lines);
    }

    private static Integer integer(String text, String field, FieldChecks check) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            check.add(field, "a whole number, was \"" + text + "\"");
            return null;
        }
    }

    /** Writes stored weekly figures; the first chunk of an export starts the file (its header and byte-order mark). */
    public static void write(List<WeeklyFigure> figures, int timesPerWeek, Writer out, boolean first) {
        CsvWriter csv = first ? CsvWriter.open(out, EXPORT_HEADER) : CsvWriter.continuing(out);
        for (WeeklyFigure f : figures) {
            csv.row(f.schoolId(), f.grade(), f.className(), f.week(), f.scene(), f.checkinUses(), f.checkinAnswer(),
                    f.eventUses(), f.uses(), f.uses() >= timesPerWeek, f.demo());
        }
        csv.flush();
    }
}
