package org.gigaplan.plan.console;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table for the console that measures text by how wide the terminal draws it: Japanese
 * takes two columns a character, which Karaf's own table does not account for. Every bundle's console commands
 * print their tables with it, so they look alike.
 */
public final class ConsoleTable {

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private String emptyText = "";

    public ConsoleTable column(String header) {
        headers.add(header);
        rightAligned.add(false);
        return this;
    }

    public ConsoleTable rightColumn(String header) {
        headers.add(header);
        rightAligned.add(true);
        return this;
    }

    /** Left-aligned columns (text), in order. */
    public ConsoleTable columns(String... headers) {
        for (String h : headers) {
            column(h);
        }
        return this;
    }

    /** Right-aligned columns (figures), in order. */
    public ConsoleTable rightColumns(String... headers) {
        for (String h : headers) {
            rightColumn(h);
        }
        return this;
    }

    public ConsoleTable emptyText(String text) {
        this.emptyText = text;
        return this;
    }

    public void row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(headers.size() + " cells expected, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "" : c.toString());
        }
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        out.println(line(headers, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
        if (rows.isEmpty() && !emptyText.isEmpty()) {
            out.println(emptyText);
        }
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - width(cell));
            sb.append(i == 0 ? "" : " | ");
            if (rightAligned.get(i)) {
                sb.append(pad).append(cell);
            } else if (i < widths.length - 1) {
                sb.append(cell).append(pad);
            } else {
                sb.append(cell);
            }
        }
        return sb.toString();
    }

    /** Columns a terminal uses to draw the text. */
    public static int width(String s) {
        return s.codePoints().map(ConsoleTable::width).sum();
    }

    /** East Asian wide and full-width characters take two columns, everything else one. */
    public static int width(int cp) {
        boolean wide = cp >= 0x1100 && (cp <= 0x115F
                || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD));
        return wide ? 2 : 1;
    }

    /** Cuts text to at most {@code max} columns, marking the cut. */
    public static String cut(String s, int max) {
        if (width(s) <= max) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int cp : s.codePoints().toArray()) {
            int w = width(cp);
            if (used + w > max - 1) {
                break;
            }
            sb.appendCodePoint(cp);
            used += w;
        }
        return sb.append('…').toString();
    }
}
