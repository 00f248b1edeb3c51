package org.gigaplan.platform.internal.roster;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * One OneRoster CSV file being read: its header checked, its cells checked and converted. Every error goes to the
 * shared list and names {@code file line N.column}, so one answer lists the mistakes of all files.
 */
final class RosterTable {

    /** Rows one file may have: a city's roster is far below it. */
    static final int MAX_ROWS = 200_000;
    /** Characters a sourcedId or any other single value may have. */
    static final int MAX_CELL = 255;
    /** Characters a cell holding a list ({@code termSourcedIds}, {@code userIds}) may have. */
    static final int MAX_LIST_CELL = 4096;

    private final String file;
    private final RosterMode mode;
    private final CsvTable csv;
    private final List<FieldError> errors;
    private final Map<String, Long> lineOfId = new HashMap<>();

    private RosterTable(String file, RosterMode mode, CsvTable csv, List<FieldError> errors) {
        this.file = file;
        this.mode = mode;
        this.csv = csv;
        this.errors = errors;
    }

    /**
     * Decodes a file (UTF-8 with or without a byte-order mark, or CP932) and checks its header has {@code columns};
     * empty when the file cannot be read row by row, the reason being in {@code errors}.
     */
    static Optional<RosterTable> read(String file, RosterMode mode, byte[] bytes, List<String> columns,
            List<FieldError> errors) {
        CsvTable csv;
        try {
            csv = CsvTable.read(new ByteArrayInputStream(bytes), null);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> errors.add(new FieldError(
                    "body".equals(error.field()) ? file : file + " " + error.field(), error.detail())));
            return Optional.empty();
        }
        csv.errors().forEach(error -> errors.add(new FieldError(file + " " + error.field(), error.detail())));
        boolean readable = true;
        Set<String> seen = new HashSet<>();
        for (String column : csv.header()) {
            if (!column.isEmpty() && !seen.add(column)) {
                errors.add(new FieldError(file + " line 1." + column, "column named twice in the header"));
                readable = false;
            }
        }
        for (String column : columns) {
            if (!csv.header().contains(column)) {
                errors.add(new FieldError(file + " line 1." + column, "required column missing from the header "
                        + "(columns are matched by name, in any order; the header has " + String.join(",", csv.header())
                        + ")"));
                readable = false;
            }
        }
        if (csv.rows().size() > MAX_ROWS) {
            errors.add(new FieldError(file, "at most " + MAX_ROWS + " rows in one file, was " + csv.rows().size()));
            readable = false;
        }
        return readable ? Optional.of(new RosterTable(file, mode, csv, errors)) : Optional.empty();
    }

    /**
     * The rows in file order, each with its cells to check; of a file of {@code records}, each row's sourcedId,
     * status and dateLastModified are checked first. Lazy, so that a row's errors come before the next row's.
     */
    Stream<Cells> rows(boolean records) {
        return csv.rows().stream().map(row -> new Cells(row, records));
    }

    /**
     * The cells of one row. The sourcedId, status and dateLastModified are read first, so that a row a delta deletes
     * needs nothing else.
     */
    final class Cells {

        private final CsvTable.Row row;
        private final String sourcedId;
        private final RosterStatus status;
        private final Instant modified;

        private Cells(CsvTable.Row row, boolean record) {
            this.row = row;
            this.sourcedId = record ? sourcedId() : null;
            this.status = record ? status() : RosterStatus.ACTIVE;
            this.modified = record ? modified() : null;
        }

        String id() {
            return sourcedId;
        }

        RosterStatus state() {
            return status;
        }

        Instant lastModified() {
            return modified;
        }

        SourceLine source() {
            return new SourceLine(file, row.line());
        }

        void error(String column, String detail) {
            errors.add(new FieldError(source().field(column), detail));
        }

        /** A text cell, null when blank; required only on rows that are not deleted. */
        String text(String column, boolean required) {
            return text(column, required, MAX_CELL);
        }

        /** A text cell of at most {@code max} characters. */
        String text(String column, boolean required, int max) {
            String value = row.get(column);
            if (value.isEmpty()) {
                if (required && status != RosterStatus.TOBEDELETED) {
                    error(column, "required");
                }
                return null;
            }
            if (value.length() > max) {
                error(column, "at most " + max + " characters, was " + value.length());
            } else if (value.chars().anyMatch(Character::isISOControl)) {
                error(column, "one line: no line breaks, tabs or other control characters");
            }
            return value;
        }

        /** The first of {@code columns} the header has, else the first: for an extension spelled two ways. */
        String columnOf(String... columns) {
            for (String column : columns) {
                if (csv.header().contains(column)) {
                    return column;
                }
            }
            return columns[0];
        }

        /** A comma-separated list in one cell ({@code "P1,P2"}); empty when blank. */
        List<String> list(String column, boolean required) {
            String value = text(column, required, MAX_LIST_CELL);
            if (value == null) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (item.isBlank()) {
                    error(column, "a comma-separated list without empty items, was \"" + value + "\"");
                    return List.of();
                }
                items.add(item.trim());
            }
            return items;
        }

        /** A list of grade codes, each one {@link RosterGrades#valid}. */
        List<String> grades(String column) {
            List<String> grades = list(column, false);
            for (String grade : grades) {
                if (!RosterGrades.valid(grade)) {
                    error(column, "unknown grade \"" + grade + "\": P1–P6 (小学校), J1–J3 (中学校), H1–H4 (高等学校), "
                            + "the CEDS codes (PK, KG, 01–13…) or an ext: value");
                }
            }
            return grades;
        }

        /** One of {@code values}, matched ignoring case and answered as spelled there, or an {@code ext:} value. */
        String oneOf(String column, List<String> values, boolean required) {
            String value = text(column, required);
            if (value == null || value.startsWith("ext:") && value.length() > 4) {
                return value;
            }
            for (String known : values) {
                if (known.equalsIgnoreCase(value)) {
                    return known;
                }
            }
            error(column, "one of " + String.join(", ", values) + " or an ext: value, was \"" + value + "\"");
            return value;
        }

        /** A date, {@code YYYY-MM-DD}. */
        LocalDate date(String column, boolean required) {
            String value = text(column, required);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                error(column, "a date as YYYY-MM-DD (2025-04-01), was \"" + value + "\"");
                return null;
            }
        }

        /** {@code true} or {@code false}, in any case. */
        Boolean bool(String column, boolean required) {
            return bool(column, text(column, required));
        }

        private Boolean bool(String column, String value) {
            if (value == null) {
                return null;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
            }
            error(column, "true or false, was \"" + value + "\"");
            return null;
        }

        /** A whole number within {@code min}–{@code max}. */
        Integer number(String column, String value, int min, int max) {
            if (value == null) {
                return null;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below, with the range
            }
            error(column, "a whole number from " + min + " to " + max + ", was \"" + value + "\"");
            return null;
        }

        private String sourcedId() {
            String value = row.get("sourcedId");
            if (value.isEmpty()) {
                error("sourcedId", "required");
                return null;
            }
            if (value.length() > MAX_CELL || value.chars().anyMatch(Character::isISOControl)) {
                error("sourcedId", "at most " + MAX_CELL + " characters on one line");
                return value;
            }
            Long first = lineOfId.putIfAbsent(value, row.line());
            if (first != null) {
                error("sourcedId", "\"" + value + "\" is already the sourcedId of line " + first
                        + ": each row needs its own");
            }
            return value;
        }

        private RosterStatus status() {
            String value = row.get("status");
            if (mode == RosterMode.BULK) {
                if (value.isEmpty() || value.equalsIgnoreCase("active")) {
                    return RosterStatus.ACTIVE;
                }
                error("status", "blank or active in a bulk file (tobedeleted belongs in a delta), was \"" + value
                        + "\"");
                return RosterStatus.ACTIVE;
            }
            if (value.equalsIgnoreCase("active")) {
                return RosterStatus.ACTIVE;
            }
            if (value.equalsIgnoreCase("tobedeleted")) {
                return RosterStatus.TOBEDELETED;
            }
            error("status", value.isEmpty() ? "required in a delta file: active or tobedeleted"
                    : "active or tobedeleted, was \"" + value + "\"");
            return RosterStatus.ACTIVE;
        }

        private Instant modified() {
            String value = row.get("dateLastModified");
            if (value.isEmpty()) {
                if (mode == RosterMode.DELTA) {
                    error("dateLastModified", "required in a delta file: an ISO 8601 instant "
                            + "(2025-04-01T00:00:00.000Z)");
                }
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                error("dateLastModified", "an ISO 8601 instant with its zone (2025-04-01T00:00:00.000Z), was \""
                        + value + "\"");
                return null;
            }
        }
    }
}
