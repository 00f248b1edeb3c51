package org.gigaplan.environment.internal;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.FieldChecks;
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

    /**
     * Measurements from a CSV table (see {@link CsvTable#read}); every error names its line and column. A time without
     * its offset (2025/6/2 10:00, as a spreadsheet saves it) is read in {@code zone}, the city's.
     */
    public static List<Measurement> parse(CsvTable csv, ZoneId zone) {
        List<String> header = csv.header();
        if (!header.containsAll(HEADER.subList(0, 3)) || !header.stream().allMatch(HEADER::contains)) {
            throw new InvalidInputException("line 1", "columns are " + String.join(",", HEADER)
                    + " (school_id, measured_at and download_mbps required), was " + String.join(",", header));
        }
        FieldChecks check = new FieldChecks().addAll(csv.errors());
        List<Measurement> out = new ArrayList<>();
        for (CsvTable.Row row : csv.requireRows().rows()) {
            OffsetDateTime at = row.dateTime("measured_at", zone, check);
            Double devices = number(row.get("devices"), row.field("devices"), check);
            out.add(new Measurement(row.get("school_id"), at,
                    number(row.get("download_mbps"), row.field("download_mbps"), check),
                    number(row.get("upload_mbps"), row.field("upload_mbps"), check),
                    number(row.get("latency_ms"), row.field("latency_ms"), check),
                    number(row.get("loss_percent"), row.field("loss_percent"), check),
                    row.get("point").isEmpty() ? "SCHOOL_LAN" : row.get("point"),
                    !row.get("class_hours").equalsIgnoreCase("false") && !row.get("class_hours").equals("0"),
                    devices == null ? null : devices.intValue()));
        }
        check.throwIfAny();
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
        return new FieldError(column == null ? line : line + "." + column, e.detail(), e.japanese());
    }

    /** The same for a measurement refused as stored already with other figures. */
    public static ConflictException toCsv(ConflictException e) {
        FieldError csv = toCsv(new FieldError(e.field(), e.getMessage(), e.japanese()));
        return csv.field().equals(e.field()) ? e
                : new ConflictException(csv.field(), lines(e.getMessage()), lines(e.japanese()));
    }

    /** A text naming another record ({@code is [0] with …}) names its line instead. */
    private static String lines(String text) {
        return text == null ? null : java.util.regex.Pattern.compile("\\[(\\d+)\\]").matcher(text)
                .replaceAll(r -> "line " + (Integer.parseInt(r.group(1)) + 2));
    }

    private static Double number(String text, String field, FieldChecks check) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            check.add(field, "a number, was \"" + text + "\"");
            return null;
        }
    }
}
