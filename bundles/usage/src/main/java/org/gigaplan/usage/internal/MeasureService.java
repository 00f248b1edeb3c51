package org.gigaplan.usage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.usage.internal.store.MeasureStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * High, secondary and special-needs schools' own measures (policy 1): the city's scene targets do not apply to them,
 * so each sets its own for a year and reports progress on it.
 */
@Component(service = MeasureService.class)
public class MeasureService {

    private final UsageService usage;
    private final MeasureStore measures;

    @Activate
    public MeasureService(@Reference UsageService usage) {
        this.usage = usage;
        this.measures = usage.measureStore();
    }

    public List<OwnMeasure> measures(String schoolId, FiscalYear fy) {
        return measures.list(schoolId, fy.year());
    }

    public Optional<OwnMeasure> measure(long id) {
        return measures.find(id);
    }

    /** Registers a high or secondary school's own measure for a fiscal year. */
    public OwnMeasure addMeasure(String schoolId, MeasureInput in, String by) {
        return addMeasure(schoolId, in, by, false);
    }

    /** The same, marked as demo data when {@code demo} (demo mode fills through here). */
    OwnMeasure addMeasure(String schoolId, MeasureInput in, String by, boolean demo) {
        School school = usage.school(schoolId, "schoolId");
        FieldChecks check = new FieldChecks();
        if (school.type().carriesSceneTargets()) {
            check.add("schoolId", school.id() + " is a " + school.type().label().en().toLowerCase()
                    + ": the city's scene targets apply to it; own measures are for high, secondary and special-needs schools",
                    school.id() + " は" + school.type().label().ja() + "です。市の場面の目標が適用されます（学校ごとの取組は"
                            + "高等学校・中等教育学校・特別支援学校のものです）");
        }
        if (in == null) {
            throw new InvalidInputException("body", "give fiscalYear, text and target",
                    "年度・取組・目標を入力してください");
        }
        FiscalYear fy = usage.checks().fiscalYear(in.fiscalYear(), "fiscalYear", check);
        check.text(in.text(), true, 1000, "text");
        check.text(in.target(), true, 500, "target");
        check.throwIfAny();
        long id = measures.add(schoolId, fy.year(), in.text().trim(), in.target().trim(), by, demo);
        return measures.find(id).orElseThrow();
    }

    public record MeasureInput(Integer fiscalYear, String text, String target) {
    }

    public record UpdateInput(LocalDate date, String progress, Integer percent) {
    }

    public OwnMeasure addUpdate(OwnMeasure m, UpdateInput in, String by) {
        FieldChecks check = new FieldChecks();
        if (in == null) {
            throw new InvalidInputException("body", "give date and progress", "日付と進み具合を入力してください");
        }
        LocalDate date = in.date() == null ? usage.calendar().today() : in.date();
        if (!FiscalYear.of(m.fiscalYear()).contains(date)) {
            FiscalYear year = FiscalYear.of(m.fiscalYear());
            check.add("date", date + " is outside " + year + ", the measure's year",
                    date + " は取組の年度（" + year.label().ja() + "、" + year.start() + "〜" + year.end() + "）の外です");
        } else if (date.isAfter(usage.calendar().today())) {
            check.add("date", "is in the future: " + date);
        }
        check.text(in.progress(), true, 1000, "progress");
        check.range(in.percent(), 0, 100, "percent");
        check.throwIfAny();
        measures.addUpdate(m.id(), date, in.progress().trim(), in.percent(), by);
        return measures.find(m.id()).orElseThrow();
    }
}
