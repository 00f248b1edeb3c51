package org.gigaplan.plan.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * A CSV file with a header row, read whole: cells trimmed, empty lines skipped, quoted cells may hold commas and line
 * breaks. Rows whose column count differs from the header's are not in {@link #rows()}: each is an error in
 * {@link #errors()}, so a caller reports them with its own.
 *
 * @param header the column names, trimmed
 * @param rows   the rows with as many cells as the header
 * @param errors one per row of another length, {@code line N}
 */
public record CsvTable(List<String> header, List<Row> rows, List<FieldError> errors) {

    /** Bytes read at most: a school's year of records is far below it. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;

    /** Charset names that mean what Japanese Windows and Excel write: CP932, a superset of Shift_JIS. */
    private static final Set<String> CP932_NAMES = Set.of("shift_jis", "shift-jis", "sjis", "x-sjis", "ms932", "cp932",
            "windows-31j", "csshiftjis", "ms_kanji");
    private static final Charset CP932 = Charset.forName("windows-31j");

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        errors = List.copyOf(errors);
    }

    /** One row: its line in the file (the header is line 1) and its cells by column. */
    public record Row(long line, List<String> header, List<String> cells) {

        public Row {
            header = List.copyOf(header);
            cells = List.copyOf(cells);
        }

        /** The cell of a column, "" when the file has no such column. */
        public String get(String column) {
            int i = header.indexOf(column);
            return i < 0 ? "" : cells.get(i);
        }

        /** The cell of the i-th column. */
        public String get(int i) {
            return cells.get(i);
        }

        /** {@code line N.column}: where an error about a cell points. */
        public String field(String column) {
            return place() + "." + column;
        }

        /** {@code line N}. */
        public String place() {
            return "line " + line;
        }

        /**
         * The date in a column: 2025-06-02, or as Japanese Excel saves a date cell (2025/06/02, 2025/6/2); null, and
         * the error in {@code check} naming the cell, when it is none of these (or no day of the calendar).
         */
        public LocalDate date(String column, FieldChecks check) {
            Optional<LocalDate> day = CsvTable.day(get(column));
            if (day.isPresent()) {
                return day.get();
            }
            check.add(field(column), "a date as 2025-06-02 or 2025/6/2, was \"" + get(column) + "\"",
                    "2025-06-02 か 2025/6/2 の形の日付にしてください（\"" + get(column) + "\" でした）");
            return null;
        }

        /**
         * The time in a column: ISO 8601 with its offset (2025-06-02T10:00:00+09:00), or a date and time without one
         * as spreadsheets save them (2025-06-02 10:00, 2025/6/2 10:00:00, T or a space between), read in
         * {@code zone}; null, and the error in {@code check} naming the cell, when it is none of these.
         */
        public OffsetDateTime dateTime(String column, ZoneId zone, FieldChecks check) {
            String text = get(column);
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                Matcher m = DATE_TIME.matcher(text);
                if (m.matches() && m.group(4) != null) {
                    try {
                        LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                        return day(m).atTime(time).atZone(zone).toOffsetDateTime();
                    } catch (DateTimeException notATime) {
                        // falls through to the error
                    }
                }
            }
            check.add(field(column), "a time as 2025-06-02T10:00:00+09:00 or 2025/6/2 10:00 (in " + zone + "), was \""
                    + text + "\"", "2025-06-02T10:00:00+09:00 か 2025/6/2 10:00（" + zone + "）の形の日時にしてください（\""
                    + text + "\" でした）");
            return null;
        }

        private static LocalDate day(Matcher m) {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        }
    }

    /**
     * A date as people and spreadsheets write one: 2025-06-02, or as Japanese Excel saves a date cell (2025/06/02,
     * 2025/6/2); empty when the text is none of these or no day of the calendar. The one rule for a CSV cell and a
     * console option alike.
     */
    public static Optional<LocalDate> day(String text) {
        Matcher m = DATE_TIME.matcher(text == null ? "" : text.trim());
        if (m.matches() && m.group(4) == null) {
            try {
                return Optional.of(Row.day(m));
            } catch (DateTimeException e) {
                // no such day
            }
        }
        return Optional.empty();
    }

    /** A date (- or / between its parts), optionally a time of day after T or a space. */
    private static final Pattern DATE_TIME = Pattern
            .compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    /**
     * Reads a CSV file from bytes in {@code charset} (as a request's Content-Type names it), or, when null, in UTF-8
     * (a byte-order mark is dropped) if the bytes are valid UTF-8, else in CP932. Bytes in neither are refused naming
     * the encodings tried, never read as mojibake.
     *
     * @throws InvalidInputException naming {@code body} (unreadable, or no header) or {@code line 1}
     */
    public static CsvTable read(InputStream in, String charset) {
        return parse(text(in, charset));
    }

    /** The {@code charset} parameter of a Content-Type ({@code text/csv; charset=Shift_JIS}), or null. */
    public static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                return kv[1].trim().replace("\"", "");
            }
        }
        return null;
    }

    /** The text of a CSV file, decoded as {@link #read} does. */
    public static String text(InputStream in, String charset) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidInputException("body", "cannot read the file: " + e.getMessage(),
                    "ファイルを読めませんでした");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("body", "larger than " + MAX_BYTES / (1024 * 1024) + " MB",
                    MAX_BYTES / (1024 * 1024) + " MBより大きいファイルは読めません");
        }
        if (charset != null && !charset.isBlank()) {
            Charset declared = charset(charset.trim());
            return strip(decode(bytes, declared).orElseThrow(() -> new InvalidInputException("body",
                    "not readable as " + charset.trim() + ": save the file as UTF-8 or CP932 (Shift_JIS) and send it "
                            + "with that charset", charset.trim() + " として読めません。UTF-8 か CP932（Shift_JIS）で"
                            + "保存し、その文字コードで送ってください")));
        }
        return strip(decode(bytes, StandardCharsets.UTF_8).or(() -> decode(bytes, CP932))
                .orElseThrow(() -> new InvalidInputException("body", "neither UTF-8 nor CP932 (Shift_JIS) text: save "
                        + "the file as CSV UTF-8 or as Excel's CSV (Shift_JIS)", "UTF-8 でも CP932（Shift_JIS）でもありません。"
                        + "Excel で「CSV UTF-8」か「CSV」として保存してください")));
    }

    private static Charset charset(String name) {
        if (CP932_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            return CP932;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("charset", "unknown charset \"" + name + "\": send UTF-8 or Shift_JIS",
                    "文字コード \"" + name + "\" は扱えません。UTF-8 か Shift_JIS で送ってください");
        }
    }

    private static java.util.Optional<String> decode(byte[] bytes, Charset charset) {
        try {
            return java.util.Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    private static String strip(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Parses CSV text with a header row. */
    public static CsvTable parse(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(strip(text)), format)) {
            List<String> header = parser.getHeaderNames().stream().map(String::trim).toList();
            if (header.isEmpty()) {
                throw new InvalidInputException("line 1", "a header row is needed: the column names",
                        "1行目に列の名前（見出し）が必要です");
            }
            List<Row> rows = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    errors.add(new FieldError("line " + line, "expected " + header.size() + " columns, found "
                            + record.size(), "列は" + header.size() + "個のはずですが、" + record.size() + "個あります"));
                    continue;
                }
                rows.add(new Row(line, header, record.toList()));
            }
            return new CsvTable(header, rows, errors);
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw unreadable(e.getMessage());
        }
    }

    /**
     * A file the CSV reader gave up on, said as a person can act on it: a quoted cell left open names the line it
     * starts on; anything else keeps the reader's words, without the Java class before them.
     */
    static InvalidInputException unreadable(String message) {
        String text = message == null ? "" : message.replaceFirst("^[\\w.]+(Exception|Error): ", "");
        Matcher open = Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished")
                .matcher(text);
        if (open.find()) {
            return new InvalidInputException("line " + open.group(1), "a quoted cell opened on this line is never "
                    + "closed: a \" is missing", "この行で始まる \" で囲んだセルが閉じていません（\" が足りません）");
        }
        return new InvalidInputException("body", "not readable as CSV: " + text, "CSVとして読めません: " + text);
    }

    /** Refuses a file without rows after its header. */
    public CsvTable requireRows() {
        if (rows.isEmpty() && errors.isEmpty()) {
            throw new InvalidInputException("body", "no rows after the header", "見出しの後に行がありません");
        }
        return this;
    }
}
