package org.gigaplan.platform.internal.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.ItemProgress;
import org.gigaplan.plan.service.ProgressReport.PolicyProgress;
import org.gigaplan.plan.service.ProgressReport.Status;
import org.gigaplan.platform.internal.report.Evaluations.Evaluation;

/**
 * The fiscal year's report as a PDF for the board to file and publish: a cover with each basic policy's indicators
 * counted by status and how to read the figures, then one page (or more) per basic policy with the board's
 * evaluation, a chart of each indicator's value against its target, the indicators' table and the action items.
 * Set in a Japanese font embedded as a subset, so it reads the same on every machine.
 */
public final class ReportPdf {

    /** What the report is about. {@code scope} is the school's name, or null for the whole city. */
    public record Content(ProgressReport report, LocalizedText planTitle, String scope,
            Map<Integer, Evaluation> evaluations, int minCoveragePercent, ZoneId zone) {
    }

    private static final Color MET = new Color(0x2e, 0x7d, 0x32);
    private static final Color BELOW = new Color(0xc6, 0x28, 0x28);
    private static final Color TARGET = new Color(0x0b, 0x3d, 0x91);

    private ReportPdf() {
    }

    /** The report's bytes, in Japanese or English, set in {@code font} (a TrueType file). */
    public static byte[] render(Content content, boolean japanese, Path font) {
        ReportText words = new ReportText(japanese);
        try (PDDocument document = new PDDocument()) {
            PDType0Font type = PDType0Font.load(document, font.toFile());
            PdfPages pages = new PdfPages(document, type);
            ProgressReport report = content.report();
            String title = words.of(content.planTitle());
            String yearTitle = words.of(report.fiscalYearLabel()) + " " + words.word("report");
            String scope = content.scope() == null ? words.word("city") : content.scope();
            cover(pages, content, words, title, yearTitle, scope);
            for (PolicyProgress policy : report.policies()) {
                policyPages(pages, policy, content.evaluations().get(policy.number()), words);
            }
            pages.finish(title + " — " + yearTitle + " — " + scope, words.word("page"));
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title + " " + yearTitle);
            info.setSubject(scope);
            info.setCreator("GIGA Plan");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cover(PdfPages pages, Content content, ReportText words, String title, String yearTitle,
            String scope) {
        ProgressReport report = content.report();
        pages.newPage();
        pages.paragraph(title, 14, PdfPages.INK);
        pages.space(6);
        pages.paragraph(yearTitle, 22, PdfPages.INK);
        pages.space(4);
        pages.paragraph(scope, 14, PdfPages.INK);
        pages.space(4);
        pages.paragraph(words.word("computedAt") + ": " + words.moment(report.computedAt(), content.zone()), 10,
                PdfPages.MUTED);
        if (report.demo()) {
            pages.paragraph(words.word("demo"), 10, BELOW);
        }
        pages.space(18);
        pages.paragraph(words.word("summary"), 13, PdfPages.INK);
        pages.space(4);
        List<List<String>> rows = report.policies().stream().map(policy -> {
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            policy.indicators().forEach(i -> counts.merge(i.status(), 1, Integer::sum));
            int met = counts.getOrDefault(Status.MET, 0);
            int below = counts.getOrDefault(Status.BELOW, 0);
            int insufficient = counts.getOrDefault(Status.INSUFFICIENT_DATA, 0);
            return List.of(policy.number() + ". " + words.of(policy.title()), String.valueOf(met),
                    String.valueOf(below), String.valueOf(insufficient),
                    String.valueOf(policy.indicators().size() - met - below - insufficient),
                    String.valueOf(policy.indicators().size()));
        }).toList();
        pages.table(new float[] { 215, 50, 50, 70, 50, 60 }, List.of(words.word("policy"),
                words.of(Status.MET.label()), words.of(Status.BELOW.label()),
                words.of(Status.INSUFFICIENT_DATA.label()), words.word("other"), words.word("indicators")), rows, 9);
        pages.space(18);
        pages.paragraph(words.word("howToRead"), 12, PdfPages.INK);
        pages.space(2);
        pages.paragraph(String.format(words.word("howToReadText"), content.minCoveragePercent()), 9.5f,
                PdfPages.INK);
    }

    private static void policyPages(PdfPages pages, PolicyProgress policy, Evaluation evaluation, ReportText words) {
        pages.newPage();
        pages.band(words.word("policy") + " " + policy.number() + "  " + words.of(policy.title()), 14, PdfPages.SHADE,
                PdfPages.INK);
        if (policy.modules().isEmpty()) {
            pages.paragraph(words.word("noModule"), 9.5f, PdfPages.MUTED);
        }
        pages.space(8);
        pages.paragraph(words.word("evaluation"), 12, PdfPages.INK);
        pages.space(2);
        if (evaluation == null) {
            pages.paragraph(words.word("noEvaluation"), 9.5f, PdfPages.MUTED);
        } else {
            for (String paragraph : evaluation.text().split("\\R")) {
                pages.paragraph(paragraph, 10, PdfPages.INK);
            }
        }
        List<IndicatorProgress> charted = policy.indicators().stream()
                .filter(i -> i.value() != null || i.target() != null).toList();
        if (!charted.isEmpty()) {
            pages.space(12);
            pages.ensure(40 + 24 * Math.min(charted.size(), 4));
            pages.paragraph(words.word("chart"), 12, PdfPages.INK);
            pages.paragraph(words.word("chartKey"), 8, PdfPages.MUTED);
            pages.space(4);
            charted.forEach(i -> chartRow(pages, i, words));
        }
        pages.space(12);
        pages.ensure(60);
        pages.paragraph(words.word("indicator"), 12, PdfPages.INK);
        pages.space(2);
        pages.table(new float[] { 215, 60, 60, 80, 80 }, List.of(words.word("indicator"), words.word("target"),
                words.word("value"), words.word("coverage"), words.word("status")),
                policy.indicators().stream().map(i -> List.of(words.of(i.name()),
                        i.target() == null ? "–" : words.value(i.target().value(), i.unit()),
                        words.value(i.value(), i.unit()),
                        i.coverage() == null ? "–" : i.coverage().reporting() + " / " + i.coverage().expected() + " "
                                + words.of(i.coverage().of()),
                        words.of(i.status().label()))).toList(), 8.5f);
        pages.space(12);
        pages.paragraph(words.word("items"), 12, PdfPages.INK);
        pages.space(2);
        List<ItemProgress> items = policy.measures().stream().flatMap(m -> m.actionItems().stream()).toList();
        pages.table(new float[] { 330, 60, 105 }, List.of(words.word("items"), words.word("actor"),
                words.word("status")), items.stream().map(item -> List.of(item.id() + " " + words.of(item.text()),
                        words.actor(item.actor()), item.indicators().isEmpty() ? words.word("noIndicator")
                                : String.join("・", item.indicators().stream()
                                        .map(i -> words.of(i.status().label())).toList()))).toList(), 8.5f);
    }

    /**
     * One indicator of the chart: its name, a bar for the value coloured by its status, a line at the target, and
     * both figures in words (the chart's text equivalent is the table below it).
     */
    private static void chartRow(PdfPages pages, IndicatorProgress i, ReportText words) {
        float rowHeight = 24;
        pages.ensure(rowHeight);
        float top = pages.y();
        float labelWidth = 190;
        float barX = PdfPages.LEFT + labelWidth + 8;
        float barWidth = 200;
        double target = i.target() == null ? 0 : i.target().value();
        double value = i.value() == null ? 0 : i.value();
        double scale = "%".equals(i.unit()) ? 100 : Math.max(1, Math.max(value, target) * 1.25);
        pages.text(pages.fit(words.of(i.name()), 8.5f, labelWidth), PdfPages.LEFT, top - 11, 8.5f, PdfPages.INK);
        pages.fill(barX, top - 16, barWidth, 12, PdfPages.SHADE);
        if (i.value() != null) {
            Color colour = i.status() == Status.MET ? MET : i.status() == Status.BELOW ? BELOW : PdfPages.MUTED;
            pages.fill(barX, top - 16, (float) (barWidth * Math.min(1, value / scale)), 12, colour);
        }
        if (i.target() != null) {
            float x = barX + (float) (barWidth * Math.min(1, target / scale));
            pages.fill(x - 1, top - 19, 2, 18, TARGET);
        }
        float figuresX = barX + barWidth + 8;
        float figuresWidth = PdfPages.LEFT + PdfPages.WIDTH - figuresX;
        pages.text(pages.fit(words.value(i.value(), i.unit()) + " " + words.of(i.status().label()), 8, figuresWidth),
                figuresX, top - 9, 8, PdfPages.INK);
        pages.text(pages.fit(words.word("target") + " " + (i.target() == null ? "–"
                : words.value(i.target().value(), i.unit())), 8, figuresWidth), figuresX, top - 19, 8, PdfPages.MUTED);
        pages.moveTo(top - rowHeight);
    }
}
