package org.gigaplan.platform.internal.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A4 pages written top to bottom: paragraphs wrapped to a width (Japanese between any two characters, closing
 * punctuation kept on its line; other scripts at spaces), tables whose header comes again on each page they run on,
 * filled boxes, and a footer with page numbers once all pages are known. A character the font has no glyph for is
 * shown as {@code ?} rather than failing the whole report.
 */
final class PdfPages {

    static final float LEFT = 50;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * LEFT;
    private static final float TOP = PDRectangle.A4.getHeight() - 50;
    private static final float BOTTOM = 60;
    private static final float PADDING = 3;
    static final Color RULE = new Color(0xd0, 0xd7, 0xde);
    static final Color SHADE = new Color(0xee, 0xf2, 0xf6);
    static final Color INK = new Color(0x1f, 0x29, 0x33);
    static final Color MUTED = new Color(0x5f, 0x6a, 0x76);
    /** Never begins a line: closing brackets and punctuation hang at the end of the line before. */
    private static final String CLOSING = "、。，．,.)）」』】〕！？!?：:；;ー…・%％";

    private final PDDocument document;
    private final PDType0Font font;
    private final Map<Integer, Float> widths = new HashMap<>();
    private final Map<Integer, Boolean> printable = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfPages(PDDocument document, PDType0Font font) {
        this.document = document;
        this.font = font;
    }

    void newPage() {
        try {
            closeContent();
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = TOP;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float y() {
        return y;
    }

    void moveTo(float newY) {
        y = newY;
    }

    void space(float height) {
        y -= height;
    }

    /** Starts a new page unless {@code height} more fits on this one. */
    void ensure(float height) {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    /** A paragraph across the page's width. */
    void paragraph(String text, float size, Color colour) {
        float leading = size * 1.5f;
        for (String line : wrap(text, size, WIDTH)) {
            ensure(leading);
            text(line, LEFT, y - size, size, colour);
            y -= leading;
        }
    }

    /** A heading on a full-width shaded band. */
    void band(String text, float size, Color background, Color colour) {
        float leading = size * 1.5f;
        List<String> lines = wrap(text, size, WIDTH - 2 * 6);
        float height = lines.size() * leading + 10;
        ensure(height);
        fill(LEFT, y - height, WIDTH, height, background);
        float lineY = y - 5;
        for (String line : lines) {
            text(line, LEFT + 6, lineY - size, size, colour);
            lineY -= leading;
        }
        y -= height;
    }

    /** A table: the header shaded, each row's cells wrapped, the header again at the top of each page it runs on. */
    void table(float[] columnWidths, List<String> header, List<List<String>> rows, float size) {
        ensure(2 * (size * 1.4f + 2 * PADDING));
        List<List<String>> head = wrapped(columnWidths, header, size);
        row(columnWidths, head, size, true);
        for (List<String> cells : rows) {
            List<List<String>> lines = wrapped(columnWidths, cells, size);
            if (y - rowHeight(lines, size) < BOTTOM) {
                newPage();
                row(columnWidths, head, size, true);
            }
            row(columnWidths, lines, size, false);
        }
    }

    /** Each cell's lines in its column's width. */
    private List<List<String>> wrapped(float[] columnWidths, List<String> cells, float size) {
        List<List<String>> out = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            out.add(wrap(cells.get(i), size, columnWidths[i] - 2 * PADDING));
        }
        return out;
    }

    private static float rowHeight(List<List<String>> cells, float size) {
        int lines = cells.stream().mapToInt(List::size).max().orElse(1);
        return lines * size * 1.4f + 2 * PADDING;
    }

    private void row(float[] columnWidths, List<List<String>> cells, float size, boolean header) {
        float height = rowHeight(cells, size);
        if (header) {
            fill(LEFT, y - height, sum(columnWidths), height, SHADE);
        }
        float x = LEFT;
        for (int i = 0; i < cells.size(); i++) {
            float lineY = y - PADDING - size;
            for (String line : cells.get(i)) {
                text(line, x + PADDING, lineY, size, INK);
                lineY -= size * 1.4f;
            }
            x += columnWidths[i];
        }
        fill(LEFT, y - height, sum(columnWidths), 0.6f, RULE);
        y -= height;
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    void fill(float x, float bottom, float width, float height, Color colour) {
        try {
            content.setNonStrokingColor(colour);
            content.addRect(x, bottom, width, height);
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of text with its baseline at {@code baseline}. */
    void text(String text, float x, float baseline, float size, Color colour) {
        String shown = printable(text);
        if (shown.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(colour);
            content.newLineAtOffset(x, baseline);
            content.showText(shown);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text cut to fit {@code width}, ending in an ellipsis when cut. */
    String fit(String text, float size, float width) {
        String shown = printable(text);
        if (width(shown, size) <= width) {
            return shown;
        }
        StringBuilder out = new StringBuilder();
        float used = width("…", size);
        for (int i = 0; i < shown.length(); ) {
            int cp = shown.codePointAt(i);
            used += charWidth(cp, size);
            if (used > width) {
                break;
            }
            out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out + "…";
    }

    /** The text in lines no wider than {@code width}; an empty text is one empty line. */
    List<String> wrap(String text, float size, float width) {
        String shown = printable(text);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float lineWidth = 0;
        for (int i = 0; i < shown.length(); ) {
            int cp = shown.codePointAt(i);
            i += Character.charCount(cp);
            float w = charWidth(cp, size);
            if (lineWidth + w > width && line.length() > 0 && CLOSING.indexOf(cp) < 0) {
                int space = line.lastIndexOf(" ");
                if (!wide(cp) && cp != ' ' && space > 0 && !wide(line.codePointBefore(line.length()))) {
                    // A word of a Latin script moves to the next line whole.
                    String rest = line.substring(space + 1);
                    lines.add(line.substring(0, space));
                    line = new StringBuilder(rest);
                } else {
                    lines.add(line.toString().stripTrailing());
                    line = new StringBuilder();
                }
                lineWidth = width(line.toString(), size);
                if (cp == ' ') {
                    continue;
                }
            }
            line.appendCodePoint(cp);
            lineWidth += w;
        }
        lines.add(line.toString());
        return lines;
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || cp >= 0x3000 && cp <= 0x30FF || cp >= 0xFF00;
    }

    private float width(String text, float size) {
        float total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            total += charWidth(cp, size);
            i += Character.charCount(cp);
        }
        return total;
    }

    private float charWidth(int cp, float size) {
        return widths.computeIfAbsent(cp, c -> {
            try {
                return font.getStringWidth(new String(Character.toChars(c))) / 1000f;
            } catch (IOException | IllegalArgumentException e) {
                return 0.5f;
            }
        }) * size;
    }

    /** The text with control characters as spaces and characters the font cannot show as {@code ?}. */
    private String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(' ');
            } else if (printable.computeIfAbsent(cp, this::hasGlyph)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private boolean hasGlyph(int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Ends the last page and writes every page's footer: {@code footer} on the left, the page number on the right. */
    void finish(String footer, String pageFormat) {
        try {
            closeContent();
            int count = document.getNumberOfPages();
            for (int n = 1; n <= count; n++) {
                try (PDPageContentStream footerContent = new PDPageContentStream(document, document.getPage(n - 1),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content = footerContent;
                    fill(LEFT, 44, WIDTH, 0.6f, RULE);
                    String number = String.format(pageFormat, n, count);
                    float numberWidth = width(printable(number), 8);
                    text(fit(footer, 8, WIDTH - numberWidth - 12), LEFT, 32, 8, MUTED);
                    text(number, LEFT + WIDTH - numberWidth, 32, 8, MUTED);
                }
            }
            content = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeContent() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
