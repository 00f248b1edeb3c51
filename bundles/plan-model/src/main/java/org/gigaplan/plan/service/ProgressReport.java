package org.gigaplan.plan.service;

import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.model.Actor;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Target;
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

    public record ItemProgress(String id, Actor actor, boolean priority, LocalizedText text,
            List<IndicatorProgress> indicators) {
    }

    /**
     * One indicator with its value. {@code value} is null unless {@code status} is {@code MET},
     * {@code BELOW} or {@code NO_TARGET}; {@code demo} is true when the value comes from demo data.
     */
    public record IndicatorProgress(String id, LocalizedText name, String unit, String module, Target target,
            Double value, Long sampleSize, Status status, LocalizedText note, boolean demo) {

        /** Without a value. */
        public static IndicatorProgress of(Indicator indicator, Target target, Status status, LocalizedText note) {
            return new IndicatorProgress(indicator.id(), indicator.name(), indicator.unit(), indicator.module(),
                    target, null, null, status, note, false);
        }

        /** With the value a module computed. */
        public static IndicatorProgress of(Indicator indicator, Target target, IndicatorValue value, Status status) {
            return new IndicatorProgress(indicator.id(), indicator.name(), indicator.unit(), indicator.module(),
                    target, value.value(), value.sampleSize(), status, value.note(), value.demo());
        }
    }

    /** Where an indicator stands. */
    public enum Status {
        /** The value meets the target in force. */
        MET,
        /** The value is short of the target in force. */
        BELOW,
        /** A value, but the plan sets no target for this year. */
        NO_TARGET,
        /** The module is installed but has no data for this year and scope. */
        NO_DATA,
        /** No installed module computes this indicator. */
        NO_MODULE,
        /** The module failed to compute it; see the note. */
        ERROR,
        /** The board switched the module off for this school. */
        DISABLED
    }
}
