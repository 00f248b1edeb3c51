package org.gigaplan.platform.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.BasicPolicy;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.ItemProgress;
import org.gigaplan.plan.service.ProgressReport.MeasureProgress;
import org.gigaplan.plan.service.ProgressReport.PolicyProgress;
import org.gigaplan.plan.service.ProgressReport.Status;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.platform.internal.PlanReader;
import org.gigaplan.platform.internal.report.Evaluations.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The year's report as files: the PDF's text, pages and embedded font; the CSV's cells. */
class ReportFilesTest {

    private static final String EVALUATION = "端末の活用は全ての場面で伸びた。一方、場面４の目標には届かず、来年度は授業事例の共有を進める。";

    private static Plan plan;
    private static ProgressReport report;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReportFilesTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            plan = PlanReader.read(in.readAllBytes());
        }
        report = reportOf(plan.actionPlan(2025).orElseThrow());
    }

    /** Every indicator of the plan, with values met, below and missing in turn. */
    private static ProgressReport reportOf(ActionPlan actionPlan) {
        FiscalYear fy = FiscalYear.of(actionPlan.fiscalYear());
        List<PolicyProgress> policies = new ArrayList<>();
        int n = 0;
        for (BasicPolicy policy : actionPlan.policies()) {
            List<IndicatorProgress> indicators = new ArrayList<>();
            for (Indicator i : plan.indicators().stream().filter(i -> i.policy() == policy.number()).toList()) {
                var target = i.targetFor(fy).orElse(null);
                indicators.add(switch (n++ % 3) {
                case 0 -> IndicatorProgress.of(i, target, new IndicatorValue(target == null ? 12 : target.value(), 40L,
                        null, null, false, Coverage.schools(40, 45)), target == null ? Status.NO_TARGET : Status.MET);
                case 1 -> IndicatorProgress.of(i, target, new IndicatorValue(33.25, 40L, null, null, false, null),
                        target == null ? Status.NO_TARGET : Status.BELOW);
                default -> IndicatorProgress.of(i, target, Status.NO_DATA, null);
                });
            }
            List<MeasureProgress> measures = policy.measures().stream().map(m -> new MeasureProgress(m.code(),
                    m.number(), m.title(), m.actionItems().stream().map(a -> new ItemProgress(a.id(), a.actor(),
                            a.priority(), a.text(), indicators.stream()
                                    .filter(ip -> a.indicatorIds().contains(ip.id())).toList(), true)).toList()))
                    .toList();
            policies.add(new PolicyProgress(policy.number(), policy.title(), List.of("m" + policy.number()),
                    indicators, measures));
        }
        return new ProgressReport(actionPlan.fiscalYear(), LocalizedText.of("令和7年度", "FY2025"), null,
                Instant.parse("2026-11-30T06:00:00Z"), false, policies);
    }

    private static Path font() {
        Optional<Path> font = ReportFont.find("");
        assumeTrue(font.isPresent(), "no Japanese font installed (fonts-ipafont-gothic)");
        return font.get();
    }

    private static byte[] pdf(boolean japanese) {
        return ReportPdf.render(new ReportPdf.Content(report, plan.title(), null,
                Map.of(1, new Evaluation(1, EVALUATION + "\n二段落目。", Instant.now())), 80, ZoneId.of("Asia/Tokyo")),
                japanese, font());
    }

    @Test
    void pdfHasACoverAndAPageOrMorePerPolicyInJapaneseWithItsFontEmbedded() throws IOException {
        byte[] bytes = pdf(true);
        if (System.getProperty("report.dump") != null) {
            java.nio.file.Files.write(Path.of(System.getProperty("report.dump")), bytes);
        }
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertTrue(document.getNumberOfPages() >= 1 + report.policies().size(), "pages");
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertTrue(text.contains("令和7年度進捗報告"), text);
            assertTrue(text.contains("市全体"), "scope");
            assertTrue(text.contains("令和8年11月30日15:00（JST）"), "computed at, in the era");
            for (PolicyProgress policy : report.policies()) {
                assertTrue(text.contains("基本方針" + policy.number() + policy.title().ja().replaceAll("\\s+", "")),
                        "policy " + policy.number());
            }
            assertTrue(text.contains(EVALUATION), "the board's evaluation of policy 1, whole");
            assertTrue(text.contains("評価はまだ記入されていません"), "policies without one say so");
            assertTrue(text.contains("達成") && text.contains("未達") && text.contains("データなし"), "status words");
            assertTrue(text.contains("33.3%"), "percentages with one decimal");
            assertTrue(text.contains("1／" + document.getNumberOfPages() + "ページ"), "page numbers");
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font instanceof PDType0Font && font.isEmbedded(), font.getName() + " embedded");
                }
            }
        }
    }

    @Test
    void pdfInEnglish() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf(false))) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("FY2025 Progress report"), text);
            assertTrue(text.contains("Whole city"));
            assertTrue(text.contains("30 Nov 2026, 15:00 (JST)"));
            assertTrue(text.contains("33.3 %"));
        }
    }

    @Test
    void japaneseWrapsBetweenCharactersWithoutStartingALineWithPunctuationAndLatinAtSpaces() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PdfPages pages = new PdfPages(document, PDType0Font.load(document, font().toFile()));
            String text = "端末の活用は全ての場面で伸びた。一方、場面４の目標には届かず、来年度は授業事例の共有を進める。";
            List<String> lines = pages.wrap(text, 10, 100);
            assertTrue(lines.size() > 2, lines.toString());
            assertEquals(text, String.join("", lines));
            lines.forEach(line -> assertFalse(line.startsWith("、") || line.startsWith("。"), line));
            List<String> english = pages.wrap("The share of classes using devices every day rose", 10, 90);
            english.forEach(line -> assertFalse(line.startsWith(" ") || line.endsWith(" "), "[" + line + "]"));
            assertEquals("The share of classes using devices every day rose", String.join(" ", english));
            assertEquals("a?b", String.join("", pages.wrap("a\uE000b", 10, 100)), "no glyph: shown as ?");
        }
    }

    @Test
    void csvHasOneValuePerCellTheStatusAsCodeAndWordAndNoFormula() throws IOException {
        StringWriter out = new StringWriter();
        ReportCsv.write(report, null, true, out);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(out.toString().substring(1))).getRecords();
        long indicators = report.policies().stream().mapToLong(p -> p.indicators().size()).sum();
        assertEquals(indicators, rows.size());
        CSVRecord first = rows.get(0);
        assertEquals(ReportCsv.HEADER.size(), first.size());
        assertEquals("2025", first.get("fiscal_year"));
        assertEquals("city", first.get("scope"));
        assertTrue(first.get("value").matches("\\d+(\\.\\d)?"), "a plain number: " + first.get("value"));
        assertEquals(first.get("status"), "MET");
        assertEquals(first.get("status_label"), "達成");
        CSVRecord second = rows.get(1);
        assertEquals("33.3", second.get("value"));
        assertEquals("%", second.get("unit"));
        assertEquals("40", first.get("reported"));
        assertEquals("45", first.get("expected"));
        assertEquals("校", first.get("counted_in"));

        PolicyProgress policy = report.policies().get(0);
        IndicatorProgress formula = new IndicatorProgress("x", LocalizedText.of("=HYPERLINK(\"evil\")", null), null,
                "%", "m", null, null, null, null, null, Status.NO_DATA, null, false);
        ProgressReport hostile = new ProgressReport(2025, report.fiscalYearLabel(), null, report.computedAt(), false,
                List.of(new PolicyProgress(1, policy.title(), List.of(), List.of(formula), List.of())));
        StringWriter hostileOut = new StringWriter();
        ReportCsv.write(hostile, null, false, hostileOut);
        assertTrue(hostileOut.toString().contains("\"'=HYPERLINK(\"\"evil\"\")\""), hostileOut.toString());
        assertTrue(hostileOut.toString().contains(",NO_DATA,No data,"));
    }
}
