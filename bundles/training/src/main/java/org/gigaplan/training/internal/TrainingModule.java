package org.gigaplan.training.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy 2 as the platform sees it: the checklist category rates {@code training.category-a}…{@code -d} and the
 * share of teachers using generative AI weekly ({@code training.genai-use}) in the progress roll-up; the demo hook.
 */
// The module's dashboard page (src/main/resources/dashboard/) is served from this bundle: see dashboardPage().
@Component(service = PolicyModule.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + PolicyModule.DASHBOARD_PAGES + TrainingService.MODULE_ID + "/*",
    "osgi.http.whiteboard.resource.prefix=/dashboard" })
public class TrainingModule implements PolicyModule {

    public static final String INDICATOR_PREFIX = "training.category-";

    public static final String GENAI = "training.genai-use";

    /** Online peer-learning sessions held (P2-B2). */
    public static final String ONLINE_PEER = "training.online-peer";

    private final TrainingService training;
    private final CourseService courses;

    @Activate
    public TrainingModule(@Reference TrainingService training, @Reference CourseService courses) {
        this.training = training;
        this.courses = courses;
    }

    @Override
    public String id() {
        return TrainingService.MODULE_ID;
    }

    @Override
    public Optional<String> dashboardPage() {
        return Optional.of(DASHBOARD_PAGES + id() + "/page.js");
    }

    @Override
    public int basicPolicy() {
        return 2;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("教員のICT活用指導力", "Teachers' ICT instruction skills");
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of(INDICATOR_PREFIX + "a", INDICATOR_PREFIX + "b", INDICATOR_PREFIX + "c", INDICATOR_PREFIX + "d",
                GENAI, ONLINE_PEER);
    }

    /**
     * The share of teachers' answers in a category that are 3 or 4, with the change since last year in the note, and
     * for the city how many of the schools served answered. A school's roll-up shows its own figures, however few its
     * teachers; the city's needs five teachers.
     */
    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        if (!indicatorIds().contains(indicatorId)) {
            return Optional.empty();
        }
        String school = scope.isCity() ? null : scope.schoolId();
        if (indicatorId.equals(ONLINE_PEER)) {
            int[] peer = courses.onlinePeer(fiscalYear, school);
            return fiscalYear.start().isAfter(training.clock().today()) ? Optional.empty()
                    : Optional.of(new IndicatorValue(peer[0], null, now(), LocalizedText.of(
                            "開催した回数（参加した教員 " + peer[1] + " 人" + (school == null ? "" : "、この学校") + "）",
                            "Sessions held (" + peer[1] + " teachers" + (school == null ? "" : " of this school")
                                    + " attended)"), false));
        }
        if (indicatorId.equals(GENAI)) {
            GenAi.Use use = courses.genAiUse(fiscalYear, school, scope.isCity());
            return use.weeklyShare() == null ? Optional.empty()
                    : Optional.of(new IndicatorValue(use.weeklyShare(), (long) use.teachers(), now(),
                            LocalizedText.of("生成AIを週1回以上利用する教員の割合（" + use.trainingAttendees() + "人が生成AI研修を受講）",
                                    "Teachers using generative AI weekly or more (" + use.trainingAttendees()
                                            + " attended a generative-AI training)"), use.demo(),
                            scope.isCity() ? courses.schoolsReportingGenAi(fiscalYear) : null));
        }
        return values(java.util.List.of(indicatorId), scope, fiscalYear).get(indicatorId);
    }

    /** The category rates are asked for together: their counts are read once for all of them. */
    @Override
    public Map<String, Optional<IndicatorValue>> values(Collection<String> indicatorIds, Scope scope,
            FiscalYear fiscalYear) {
        Map<String, Optional<IndicatorValue>> out = new LinkedHashMap<>();
        Rates rates = null;
        Coverage answering = null;
        for (String id : indicatorIds) {
            if (!id.startsWith(INDICATOR_PREFIX) || !indicatorIds().contains(id)) {
                out.put(id, value(id, scope, fiscalYear));
                continue;
            }
            if (rates == null) {
                rates = training.rates(fiscalYear, scope.isCity() ? null : scope.schoolId(), scope.isCity());
                answering = scope.isCity() ? training.schoolsAnswering(fiscalYear) : null;
            }
            out.put(id, categoryRate(id, rates, answering));
        }
        return out;
    }

    /** A category's rate; {@code answering}: how many schools answered, for the city (null for a school). */
    private Optional<IndicatorValue> categoryRate(String indicatorId, Rates rates, Coverage answering) {
        String category = indicatorId.substring(INDICATOR_PREFIX.length()).toUpperCase(Locale.ROOT);
        return rates.categories().stream().filter(r -> r.code().equals(category) && r.rate() != null).findFirst()
                .map(r -> new IndicatorValue(r.rate(), (long) rates.teachers(), now(), note(r),
                        rates.demo(), answering));
    }

    private static LocalizedText note(Rates.Rate r) {
        if (r.change() == null) {
            return LocalizedText.of("「できる」「ややできる」と回答した割合", "Share answering able or fairly able");
        }
        String pp = String.format(Locale.ROOT, "%+.1f", r.change());
        return LocalizedText.of("前年度比 " + pp + " ポイント", pp + " points since last year");
    }

    @Override
    public int teacherRecords(String schoolId, String teacherCode) {
        return training.answerStore().records(schoolId, teacherCode);
    }

    @Override
    public int removeTeacher(String schoolId, String teacherCode) {
        return training.answerStore().remove(schoolId, teacherCode);
    }

    @Override
    public Map<String, Set<String>> teachersNamed() {
        return training.answerStore().teachersNamed();
    }

    @Override
    public void fillDemoData(DemoContext context) {
        new TrainingDemo(training, courses, context).fill();
    }

    /** The platform's now: an indicator value's time. */
    private Instant now() {
        return training.clock().now();
    }
}
