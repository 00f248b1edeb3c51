package org.gigaplan.usage.internal;

import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * (code or Japanese label), or nothing when the scene was not reported. The export's form (one row per class, week
 * and scene, {@link #EXPORT_HEADER}) is read back too, its check-in columns only, so an exported file can be mended
 * and sent again. Errors name the line and column.
 */
public final class CheckInCsv {

    public static final List<String> IMPORT_HEADER = List.of("school_id", "grade", "class", "week", "scene1", "scene2",
            "scene3", "scene4", "scene5");

    public static final List<String> EXPORT_HEADER = List.of("school_id", "grade", "class", "week", "scene",
            "checkin_uses", "checkin_answer", "event_uses", "uses", "meets_target", "demo");

    private static final Pattern RECORD_FIELD = Pattern.compile("^\\[(\\d+)\\](?:\\.scenes\\[(\\d+)\\](?:\\.\\w+)?|\\.(\\w+))?(.*)$");
    /** A record's field named inside a detail. */
    private static final Pattern RECORD_IN_TEXT = Pattern.compile("\\[\\d+\\](?:\\.scenes\\[\\d+\\])?");

    /**
     * Parsed check-ins with, per check-in, its first line and the CSV place of each scene entry ({@code line 5.scene2}),
     * to name them in later errors.
     */
    public record Parsed(List<CheckIn> checkIns, List<List<String>> scenePlaces, List<Long> lines) {

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
                return scenePlaces.get(row).get(Integer.parseInt(m.group(2)));
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
        if (header.containsAll(EXPORT_HEADER.subList(0, 6))) {
            return parseExported(table);
        }
        if (!header.containsAll(IMPORT_HEADER.subList(0, 4)) || header.stream().noneMatch(h -> h.startsWith("scene"))) {
            throw new InvalidInputException("line 1", "header must be " + String.join(",", IMPORT_HEADER)
                    + " (scene columns you do not report may be left out), or the export's, was "
                    + String.join(",", header), "見出しは " + String.join(",", IMPORT_HEADER)
                    + "（報告しない場面の列は省けます）か、書き出したファイルのものにしてください");
        }
        FieldChecks check = new FieldChecks().addAll(table.errors());
        List<CheckIn> out = new ArrayList<>();
        List<List<String>> places = new ArrayList<>();
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
                used.add(row.field(h));
                uses.add(use(scene, cell, row.field(h), check));
            }
            out.add(new CheckIn(row.get("school_id"), grade, row.get("class"), week, uses));
            places.add(used);
            lines.add(row.line());
        }
        check.throwIfAny();
        return new Parsed(out, places, lines);
    }

    /**
     * The export's rows read back: one check-in per class and week, a scene from each row whose check-in columns hold
     * an answer (taken over its count, the answer's weekly equivalent) or a count; rows with software-counted uses
     * only are no check-in and are passed over.
     */
    private static Parsed parseExported(CsvTable table) {
        FieldChecks check = new FieldChecks().addAll(table.errors());
        Map<String, Integer> byClassWeek = new HashMap<>();
        List<String[]> keys = new ArrayList<>();
        List<List<CheckIn.SceneUse>> uses = new ArrayList<>();
        List<List<String>> places = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (CsvTable.Row row : table.requireRows().rows()) {
            String count = row.get("checkin_uses");
            String answer = row.get("checkin_answer");
            if (count.isEmpty() && answer.isEmpty()) {
                continue;
            }
            Integer grade = integer(row.get("grade"), row.field("grade"), check);
            LocalDate week = row.date("week", check);
            Integer scene = integer(row.get("scene"), row.field("scene"), check);
            String[] key = { row.get("school_id"), String.valueOf(grade), row.get("class"), String.valueOf(week) };
            int i = byClassWeek.computeIfAbsent(String.join("\n", key), k -> {
                keys.add(key);
                uses.add(new ArrayList<>());
                places.add(new ArrayList<>());
                lines.add(row.line());
                return keys.size() - 1;
            });
            if (scene != null) {
                // An answer on the scale is what the school gave; the export writes its weekly equivalent as the count.
                // A count mended beside an answer (or the answer beside its count) is not guessed at: refused.
                String column = answer.isEmpty() ? "checkin_uses" : "checkin_answer";
                if (!answer.isEmpty() && !count.isEmpty() && !Answer.parse(answer)
                        .map(a -> String.valueOf(a.weeklyUses()).equals(count.trim())).orElse(true)) {
                    check.add(row.field("checkin_uses"), "checkin_uses " + count + " is not what checkin_answer "
                            + answer + " counts: keep one of them and clear the other", "checkin_uses（" + count
                            + "）と checkin_answer（" + answer + "）が合いません。どちらか一方を残し、もう一方を空にしてください");
                }
                uses.get(i).add(use(scene, answer.isEmpty() ? count : answer, row.field(column), check));
                places.get(i).add(row.field(column));
            }
        }
        check.throwIfAny();
        if (keys.isEmpty()) {
            throw new InvalidInputException("body", "no check-in in the file: the checkin_uses and checkin_answer "
                    + "columns are empty", "ファイルに記録がありません（checkin_uses と checkin_answer の列が空です）");
        }
        List<CheckIn> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String[] k = keys.get(i);
            out.add(new CheckIn(k[0], Integer.valueOf(k[1]), k[2], LocalDate.parse(k[3]), uses.get(i)));
        }
        return new Parsed(out, places, lines);
    }

    /** A scene's cell: a count when it is digits, else an answer on the scale. */
    private static CheckIn.SceneUse use(int scene, String cell, String field, FieldChecks check) {
        return cell.chars().allMatch(ch -> ch == '-' || Character.isDigit(ch))
                ? new CheckIn.SceneUse(scene, integer(cell, field, check), null)
                : new CheckIn.SceneUse(scene, null, cell);
    }

    private static Integer integer(String text, String field, FieldChecks check) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            check.add(field, "a whole number, was \"" + text + "\"", "整数にしてください（\"" + text + "\"でした）");
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
