package org.gigaplan.environment.internal;

import java.io.IOException;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * Measurements as CSV, for results kept in spreadsheets or exported by other tools:
 * {@code school_id,measured_at,download_mbps,upload_mbps,latency_ms,loss_percent,point,class_hours,devices}; all
 * but the first four columns are optional. Errors name line and column.
 */
public final class MeasurementCsv {

    public static final List<String> HEADER = List.of("school_id", "measured_at", "download_mbps", "upload_mbps",
            "latency_ms", "loss_percent", "point", "class_hours", "devices");

    private static final Map<String, String> COLUMN_OF_FIELD = Map.of("schoolId", "school_id", "measuredAt",
            "measured_at", "downloadMbps", "download_mbps", "uploadMbps", "upload_mbps", "latencyMs", "latency_ms",
            "lossPercent", "loss_percent", "point", "point", "devices", "devices");

    private MeasurementCsv() {
    }

    public static List<Measurement> parse(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        List<FieldError> errors = new ArrayList<>();
        List<Measurement> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
            if (!header.containsAll(HEADER.subList(0, 3)) || !header.stream().allMatch(HEADER::contains)) {
                throw new InvalidInputException("line 1", "columns are " + String.join(",", HEADER)
                        + " (school_id, measured_at and download_mbps required), was " + String.join(",", header));
            }
            for (CSVRecord row : parser) {
                String line = "line " + (row.getRecordNumber() + 1);
                if (row.size() != header.size()) {
                    errors.add(new FieldError(line, "expected " + header.size() + " columns, found " + row.size()));
                    continue;
                }
                java.util.function.Function<String, String> cell = c -> header.contains(c) ? row.get(header.indexOf(c)) : "";
                OffsetDateTime at = null;
                try {
                    at = OffsetDateTime.parse(cell.apply("measured_at"));
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(line + ".measured_at", "ISO 8601 with offset (2025-06-02T10:00:00+09:00), was \""
                            + cell.apply("measured_at") + "\""));
                }
                out.add(new Measurement(cell.apply("school_id"), at, number(cell.apply("download_mbps"), line + ".download_mbps", errors),
                        number(cell.apply("upload_mbps"), line + ".upload_mbps", errors),
                        number(cell.apply("latency_ms"), line + ".latency_ms", errors),
                        number(cell.apply("loss_percent"), line + ".loss_percent", errors),
                        cell.apply("point").isEmpty() ? "SCHOOL_LAN" : cell.apply("point"),
                        !cell.apply("class_hours").equalsIgnoreCase("false") && !cell.apply("class_hours").equals("0"),
                        number(cell.apply("devices"), line + ".devices", errors) == null ? null
                                : number(cell.apply("devices"), line + ".devices", errors).intValue()));
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

    /** Renames a service error's field ({@code [3].downloadMbps}) to its CSV place ({@code line 5.download_mbps}). */
    public static FieldError toCsv(FieldError e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[(\\d+)\\]\\.?(\\w*)$").matcher(e.field());
        if (!m.matches()) {
            return e;
        }
        String line = "line " + (Integer.parseInt(m.group(1)) + 2);
        String column = COLUMN_OF_FIELD.get(m.group(2));
        return new FieldError(column == null ? line : line + "." + column, e.detail());
    }

    private static Double number(String text, String field, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "a number, was \"" + text + "\""));
            return null;
        }
    }
}
