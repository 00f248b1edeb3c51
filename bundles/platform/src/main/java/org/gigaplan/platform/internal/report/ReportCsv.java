package org.gigaplan.platform.internal.report;

import java.io.Writer;
import java.util.List;

import org.gigaplan.plan.csv.CsvWriter;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.PolicyProgress;

/**
 * The year's report as a spreadsheet: one row per indicator of each basic policy, one value per cell (figures as
 * plain numbers, the unit in its own column, the status as its code and as a word in the caller's language), with
 * the definition and coverage that explain each figure. Formula-safe as every export ({@link CsvWriter}).
 */
public final class ReportCsv {

    static final List<String> HEADER = List.of("fiscal_year", "scope", "policy", "policy_title", "indicator_id",
            "indicator", "unit", "target", "value", "status", "status_label", "reported", "expected", "counted_in",
            "sample_size", "demo", "definition", "note", "computed_at");

    private ReportCsv() {
    }

    /** Writes the report; {@code scope} is the school's id, or null for the whole city. */
    public static void write(ProgressReport report, String scope, boolean japanese, Writer out) {
        ReportText words = new ReportText(japanese);
        CsvWriter csv = CsvWriter.open(out, HEADER);
        for (PolicyProgress policy : report.policies()) {
            for (IndicatorProgress i : policy.indicators()) {
                csv.row(report.fiscalYear(), scope == null ? "city" : scope, policy.number(), words.of(policy.title()),
                        i.id(), words.of(i.name()), i.unit(), i.target() == null ? null : ReportText.oneDecimal(i.target().value()),
                        i.value() == null ? null : ReportText.oneDecimal(i.value()), i.status().name(),
                        words.of(i.status().label()), i.coverage() == null ? null : i.coverage().reporting(),
                        i.coverage() == null ? null : i.coverage().expected(),
                        i.coverage() == null ? null : words.of(i.coverage().of()), i.sampleSize(), i.demo(),
                        words.of(i.definition()), words.of(i.note()), report.computedAt().toString());
            }
        }
        csv.flush();
    }
}
