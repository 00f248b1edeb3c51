package org.gigaplan.plan.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

/** CSV as schools' spreadsheets write it, and as they read it back. */
class CsvTableTest {

    private static final String CSV = "id,name_ja\nS-1,青葉小学校\n\"S-2\",\"台原\n分校\"\n";

    private static CsvTable read(byte[] bytes, String charset) {
        return CsvTable.read(new ByteArrayInputStream(bytes), charset);
    }

    @Test
    void readsUtf8WithAndWithoutAByteOrderMarkAndQuotedLineBreaks() {
        for (String text : List.of(CSV, "\uFEFF" + CSV)) {
            CsvTable t = read(text.getBytes(StandardCharsets.UTF_8), null);
            assertEquals(List.of("id", "name_ja"), t.header());
            assertEquals("青葉小学校", t.rows().get(0).get("name_ja"));
            assertEquals("台原\n分校", t.rows().get(1).get("name_ja"));
            assertEquals(3, t.rows().get(1).line());
        }
    }

    @Test
    void readsWhatJapaneseExcelWritesByDefaultCp932DetectedOrDeclared() {
        byte[] cp932 = (CSV + "S-3,①番小学校\n").getBytes(Charset.forName("windows-31j"));
        CsvTable detected = read(cp932, null);
        assertEquals("青葉小学校", detected.rows().get(0).get("name_ja"));
        assertEquals("①番小学校", detected.rows().get(2).get("name_ja"), "CP932's own characters too");
        assertEquals("青葉小学校", read(cp932, "Shift_JIS").rows().get(0).get("name_ja"));
        // Declared UTF-8 but sent as CP932: refused naming the encoding, never stored as mojibake.
        InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> read(cp932, "UTF-8"));
        assertEquals("body", wrong.errors().get(0).field());
        assertTrue(wrong.errors().get(0).detail().contains("UTF-8"), wrong.errors().toString());
        assertEquals("charset", assertThrows(InvalidInputException.class, () -> read(cp932, "klingon"))
                .errors().get(0).field());
        // Bytes that are neither.
        InvalidInputException neither = assertThrows(InvalidInputException.class,
                () -> read(new byte[] { 'i', 'd', '\n', (byte) 0x81, (byte) 0x20, (byte) 0xFF }, null));
        assertTrue(neither.errors().get(0).detail().contains("CP932"), neither.errors().toString());
    }

    @Test
    void datesAndTimesAreReadAsIsoOrAsJapaneseExcelSavesThem() {
        CsvTable t = CsvTable.parse("day,at\n"
                + "2026-11-30,2025-06-02T10:00:00+09:00\n"
                + "2026/11/30,2025/6/2 10:00\n"
                + "2026/1/5,2025-06-02 10:00:30\n"
                + "2026/2/30,2025-06-02\n"
                + "30/11/2026,10:00\n");
        java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
        org.gigaplan.plan.rest.FieldChecks check = new org.gigaplan.plan.rest.FieldChecks();
        List<CsvTable.Row> rows = t.rows();
        assertEquals(java.time.LocalDate.of(2026, 11, 30), rows.get(0).date("day", check));
        assertEquals(java.time.LocalDate.of(2026, 11, 30), rows.get(1).date("day", check));
        assertEquals(java.time.LocalDate.of(2026, 1, 5), rows.get(2).date("day", check));
        java.time.OffsetDateTime ten = java.time.OffsetDateTime.parse("2025-06-02T10:00:00+09:00");
        assertEquals(ten, rows.get(0).dateTime("at", tokyo, check));
        assertEquals(ten, rows.get(1).dateTime("at", tokyo, check), "without an offset: the deployment's zone");
        assertEquals(ten.plusSeconds(30), rows.get(2).dateTime("at", tokyo, check));
        assertTrue(check.ok(), () -> check.errors().toString());
        assertEquals(null, rows.get(3).date("day", check), "February has no 30th");
        assertEquals(null, rows.get(3).dateTime("at", tokyo, check), "a date is no time");
        assertEquals(null, rows.get(4).date("day", check));
        assertEquals(null, rows.get(4).dateTime("at", tokyo, check));
        assertEquals(List.of("line 5.day", "line 5.at", "line 6.day", "line 6.at"),
                check.errors().stream().map(e -> e.field()).toList());
        assertTrue(check.errors().get(0).japanese().contains("2025/6/2"), check.errors().get(0).japanese());
    }

    @Test
    void rowsOfAnotherLengthAreErrorsNamingTheirLine() {
        CsvTable t = CsvTable.parse("a,b\n1,2\n3\n4,5\n");
        assertEquals(2, t.rows().size());
        assertEquals(List.of(new FieldError("line 3", "expected 2 columns, found 1", "列は2個のはずですが、1個あります")),
                t.errors());
        // A quoted cell never closed names the line it opens on, not the CSV reader's exception.
        InvalidInputException open = assertThrows(InvalidInputException.class,
                () -> CsvTable.parse("a,b\n1,2\n3,\"4\n5,6\n"));
        assertEquals("line 3", open.errors().get(0).field());
        assertEquals("a quoted cell opened on this line is never closed: a \" is missing", open.errors().get(0).detail());
        assertEquals("line 4.b", t.rows().get(1).field("b"));
        assertEquals("", t.rows().get(1).get("c"), "a column the file lacks is empty");
        assertEquals("body", assertThrows(InvalidInputException.class, () -> CsvTable.parse("a,b\n").requireRows())
                .errors().get(0).field());
    }

    @Test
    void writtenCellsNeverStartAFormulaAndCarryAByteOrderMark() {
        StringWriter out = new StringWriter();
        CsvWriter.open(out, List.of("name", "count")).row("=HYPERLINK(\"http://x\")", -3).row("+1", 2.5).row("+cmd|' /C calc'!A0", 1)
                .row("@SUM(A1)", null).row("\tx", "-lead").flush();
        String csv = out.toString();
        assertTrue(csv.startsWith("\uFEFFname,count\r\n"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",-3\r\n"), csv);
        assertTrue(csv.contains("+1,2.5\r\n") && !csv.contains("'+1"), "a signed number is a number: " + csv);
        assertTrue(csv.contains("'@SUM(A1),\r\n"), csv);
        assertTrue(csv.contains("\r\n'+cmd|' /C calc'!A0,1\r\n"), csv);
        assertTrue(csv.contains("'-lead"), csv);
        assertEquals("'\tx", CsvWriter.safe("\tx"));
        // Read back, the apostrophe stays: the spreadsheet shows the text, the platform reads it as text.
        assertEquals("'=HYPERLINK(\"http://x\")", CsvTable.parse(csv).rows().get(0).get("name"));
    }
}
