package org.gigaplan.plan.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV file for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the Japanese right), and no cell a
 * spreadsheet would run as a formula: text starting with {@code = + - @}, a tab or a carriage return gets a leading
 * apostrophe. Numbers (signed ones too) are written as they are.
 */
public final class CsvWriter {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private final CSVPrinter printer;

    private CsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.DEFAULT);
    }

    /** Starts a file on {@code out} with its header row. */
    public static CsvWriter open(Writer out, List<String> header) {
        try {
            out.write('\uFEFF');
            CsvWriter writer = new CsvWriter(out);
            writer.row(header);
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Goes on with a file {@link #open} started on {@code out} (a long export written chunk by chunk). */
    public static CsvWriter continuing(Writer out) {
        try {
            return new CsvWriter(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row: nulls are empty cells. */
    public CsvWriter row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public CsvWriter row(List<?> cells) {
        try {
            printer.printRecord(cells.stream().map(CsvWriter::safe).toList());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what is buffered; the caller closes the underlying writer. */
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell as written: "" for null, a leading apostrophe where a spreadsheet would start a formula. */
    public static String safe(Object cell) {
        if (cell == null) {
            return "";
        }
        String text = cell.toString();
        if (text.isEmpty() || NUMBER.matcher(text).matches()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
