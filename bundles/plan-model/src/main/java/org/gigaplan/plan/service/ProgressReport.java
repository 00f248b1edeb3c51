package org.gigaplan.plan.service;

import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.model.Actor;
import org.gigaplan.plan.model.Baseline;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Target;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.IndicatorValue;

/**
 * The progress roll-up of a fiscal year for the city or one school.
 *
 * @param demo true when any value shown comes from synthetic demo data (each such value says so too)
 */
public record ProgressReport(int fiscalYear, LocalizedText fiscalYearLabel, String school, Instant computedAt,
        boolean demo, List<PolicyProgress> policies) {

    /** A basic policy: the modules serving it, its indicators, and its measures' action items. */
    public record PolicyProgress(int number, LocalizedText title, List<String> modules,
            List<IndicatorProgress> indicators, List<MeasureProgress> measures) {
    }

    public record MeasureProgress(String code, String number, LocalizedText title, List<ItemProgress> actionItems) {
    }

    /**
     * An action item with the evidence of its indicators.
     *
     * @param liveSource whether an installed module computes at least one of its indicators; an item without one is
     *                   a commitment nobody can see happening
     */
    public record ItemProgress(String id, Actor actor, boolean priority, LocalizedText text,
            List<IndicatorProgress> indicators, boolean liveSource) {
    }

    /**
     * One indicator with its value. {@code value} is null unless {@code status} is {@code MET},
     * {@code BELOW} or {@code NO_TARGET}; {@code demo} is true when the value comes from demo data.
     *
     * @param definition what exactly is counted, as the plan defines it
     * @param baseline   the value it started from, and when; null when the plan gives none
     * @param coverage   how many of those expected reported, when the value is over those that did
     */
    public record IndicatorProgress(String id, LocalizedText name, LocalizedText definition, String unit,
            String module, Baseline baseline, Target target, Double value, Long sampleSize, Coverage coverage,
            Status status, LocalizedText note, boolean demo) {

        /** Without a value. */
        public static IndicatorProgress of(Indicator indicator, Target target, Status status, LocalizedText note) {
            return new IndicatorProgress(indicator.id(), indicator.name(), indicator.definition(), indicator.unit(),
                    indicator.module(), indicator.baseline(), target, null, null, null, status, note, false);
        }

        /** With the value a module computed. */
        public static IndicatorProgress of(Indicator indicator, Target target, IndicatorValue value, Status status) {
            return new IndicatorProgress(indicator.id(), indicator.name(), indicator.definition(), indicator.unit(),
                    indicator.module(), indicator.baseline(), target, value.value(), value.sampleSize(),
                    value.coverage(), status, value.note(), value.demo());
        }
    }

    /** Where an indicator stands, with the word a report shows for it. */
    public enum Status implements Labelled {
        /** The value meets the target in force. */
        MET("達成", "Met"),
        /** The value is short of the target in force. */
        BELOW("未達", "Below"),
        /** A value, but too few of those expected reported to judge it against the target (see its coverage). */
        INSUFFICIENT_DATA("データ不足", "Insufficient data"),
        /** A value, but the plan sets no target for this year. */
        NO_TARGET("目標なし", "No target"),
        /** The module is installed but has no data for this year and scope. */
        NO_DATA("データなし", "No data"),
        /** No installed module computes this indicator. */
        NO_MODULE("未導入", "Not installed"),
        /** The module failed to compute it; see the note. */
        ERROR("算出エラー", "Error"),
        /** The board switched the module off for this school. */
        DISABLED("停止中", "Switched off");

        private final LocalizedText label;

        Status(String ja, String en) {
            this.label = LocalizedText.of(ja, en);
        }

        @Override
        public LocalizedText label() {
            return label;
        }
    }
}
