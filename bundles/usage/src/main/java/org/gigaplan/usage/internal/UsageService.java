package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.SceneTarget;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.usage.internal.store.CaseStore;
import org.gigaplan.usage.internal.store.ClassStore;
import org.gigaplan.usage.internal.store.MeasureStore;
import org.gigaplan.usage.internal.store.WeekQueries;
import org.gigaplan.usage.internal.store.KeptCounts;
import org.gigaplan.usage.internal.store.WeekStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;


/**
 * Policy 1's ground every other service of the module stands on: its migrations and stores, the school calendar, the
 * plan's scenes and targets, the classes schools register, the checks of its fields. Weekly use, attainment,
 * reporting, own measures and lesson cases are services of their own on top of it.
 */
@Component(service = UsageService.class, configurationPid = UsageConfig.PID)
@Designate(ocd = UsageConfig.class)
public class UsageService {

    private static final System.Logger LOG = System.getLogger(UsageService.class.getName());

    /** The module's id: its REST path segment, console scope and enablement key. */
    public static final String MODULE_ID = "usage";

    public static final String CHANGELOG = "db/usage/changelog.xml";

    /** Scenes of the plan's scene-use targets, used when the plan in force has none for a year. */
    static final List<Integer> DEFAULT_SCENES = List.of(1, 2, 3, 4, 5);

    private final Database db;
    private final PlanService plan;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final UsageConfig config;
    private final SchoolCalendar calendar;
    /** What the counts kept beside the weekly figures are counted by. */
    private final KeptCounts.Basis basis;
    private final PlanClock clock;
    private final ClassStore classes;
    private final WeekQueries queries;
    private final MeasureStore measures;
    private final CaseStore cases;
    private final UsageChecks checks;

    @Activate
    public UsageService(@Reference Database db, @Reference PlanService plan, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement, @Reference PlanClock clock, UsageConfig config) {
        db.migrate(CHANGELOG, UsageService.class.getClassLoader());
        this.calendar = SchoolCalendar.of(config, clock);
        this.basis = new KeptCounts.Basis(config.timesPerWeek(), config.schoolClassShare(), calendar);
        KeptCounts.Recounted recounted = KeptCounts.ensureKept(db, basis);
        if (recounted.schoolWeeks() || recounted.periods() || recounted.city()) {
            LOG.log(System.Logger.Level.INFO, "Recounted the kept counts (schools'' weeks: {0}, periods: {1}, city: {2}) "
                    + "for a target of {3} uses a week, a school share of {4} % and terms starting {5}",
                    recounted.schoolWeeks(), recounted.periods(), recounted.city(), config.timesPerWeek(),
                    config.schoolClassShare(), String.join(",", config.termStarts()));
        }
        this.db = db;
        this.plan = plan;
        this.schools = schools;
        this.enablement = enablement;
        this.config = config;
        this.clock = clock;
        this.classes = new ClassStore(db, clock);
        this.queries = new WeekQueries(db);
        this.measures = new MeasureStore(db, clock);
        this.cases = new CaseStore(db, clock);
        this.checks = new UsageChecks(plan, schools, calendar);
    }

    public SchoolCalendar calendar() {
        return calendar;
    }

    UsageConfig config() {
        return config;
    }

    PlanClock clock() {
        return clock;
    }

    UsageChecks checks() {
        return checks;
    }

    KeptCounts.Basis basis() {
        return basis;
    }

    public int timesPerWeek() {
        return config.timesPerWeek();
    }

    public LocalizedText rule() {
        return LocalizedText.of(
                "学級は、期間中に報告した週の平均で週" + config.timesPerWeek() + "回以上使用した場面で目標達成。学校は、報告した学級の"
                        + config.schoolClassShare() + "%以上が達成した場面で目標達成。ほぼ毎日＝週5回、週3回以上＝週3回、週1回以上＝週1回として数える。",
                "A class meets a scene's target when its uses, averaged over the weeks it reported in the period, reach "
                        + config.timesPerWeek() + " a week; a school meets it when at least " + config.schoolClassShare()
                        + "% of its reporting classes do. Scale answers count as: almost every day = 5, 3+ a week = 3, "
                        + "1+ a week = 1, monthly or less = 0.");
    }

    // ---------------------------------------------------------------------------------------------- scenes

    /** The plan's scene-use targets in force for a fiscal year: its own action plan's, else the nearest year's. */
    public List<SceneTarget> sceneTargets(FiscalYear fy) {
        return plan.plan().actionPlans().stream().filter(a -> !a.sceneTargets().isEmpty())
                .min(Comparator.comparingInt(a -> Math.abs(a.fiscalYear() - fy.year()) * 2 + (a.fiscalYear() > fy.year() ? 1 : 0)))
                .map(a -> a.sceneTargets()).orElse(List.of());
    }

    public List<Integer> scenes(FiscalYear fy) {
        List<Integer> numbers = sceneTargets(fy).stream().map(SceneTarget::number).sorted().toList();
        return numbers.isEmpty() ? DEFAULT_SCENES : numbers;
    }

    /** The scenes a record of this week may name: its fiscal year's; the default five when the week is not known. */
    public List<Integer> scenesOfWeek(LocalDate week) {
        return week == null || !FiscalYear.handles(week) ? DEFAULT_SCENES : scenes(FiscalYear.containing(week));
    }

    // ---------------------------------------------------------------------------------------------- classes

    public List<SchoolClass> classes(String schoolId) {
        return classes.list(schoolId);
    }

    /** A school's classes, with {@code retired} also those its list no longer names. */
    public List<SchoolClass> classes(String schoolId, boolean retired) {
        return classes.list(schoolId, retired);
    }

    /** The most classes one school's list may hold: more than any school has. */
    public static final int MAX_CLASSES = 500;

    /** What putting a school's class list changed, and the list now. */
    public record ClassChange(String schoolId, List<String> added, List<String> relisted, List<String> retired,
            List<String> removed, List<SchoolClass> classes) {
    }

    /**
     * Makes the school's class list the one given, so a class that does not report shows on the board's reminder
     * list: new classes are added, retired ones listed again; a class left out is retired when it has records (they
     * stay in the figures) and removed when it has none.
     */
    public ClassChange replaceClasses(String schoolId, List<ClassInput> input) {
        School school = school(schoolId, "schoolId");
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give the school's classes: [{\"grade\":1,\"className\":\"1\"}]",
                    "学校の学級を入力してください");
        }
        FieldChecks.batchSize(input.size(), MAX_CLASSES);
        FieldChecks check = new FieldChecks();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            ClassInput c = input.get(i);
            String at = "[" + i + "]";
            if (c == null) {
                check.add(at, "must be a class", "学級がありません");
                continue;
            }
            UsageChecks.grade(school, c.grade(), at + ".grade", check);
            UsageChecks.className(c.className(), at + ".className", check);
            String name = SchoolClass.normalName(c.className());
            if (c.grade() != null && name != null && !seen.add(c.grade() + "-" + name)) {
                check.add(at, "class " + c.grade() + "-" + name + " is listed twice", "学級 " + c.grade() + "-" + name
                        + " が二度あります");
            }
        }
        check.throwIfAny();
        ClassChange change = db.transactionRetrying(c -> {
            Map<String, SchoolClass> before = new HashMap<>();
            for (SchoolClass k : classes.list(c, schoolId, true)) {
                before.put(k.matchLabel(), k);
            }
            List<String> added = new ArrayList<>();
            List<String> relisted = new ArrayList<>();
            List<String> retired = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            Set<String> listed = new HashSet<>();
            for (ClassInput in : input) {
                String name = SchoolClass.normalName(in.className());
                String label = in.grade() + "-" + name;
                listed.add(label);
                SchoolClass was = before.get(label);
                if (was == null) {
                    classes.ensure(c, schoolId, in.grade(), name, false);
                    added.add(label);
                } else if (was.retired()) {
                    classes.relist(c, was.id());
                    relisted.add(label);
                }
            }
            classes.listGiven(c, schoolId);
            Instant now = clock.now();
            for (SchoolClass k : before.values()) {
                if (listed.contains(k.matchLabel()) || k.retired()) {
                    continue;
                }
                if (classes.records(c, k.id()) > 0) {
                    classes.retire(c, k.id(), now);
                    retired.add(k.label());
                } else {
                    classes.delete(c, k.id());
                    removed.add(k.label());
                }
            }
            return new ClassChange(schoolId, added, relisted, retired, removed, classes.list(c, schoolId, false));
        });
        return change;
    }

    /** What the board's removal of a class took with it. */
    public record ClassRemoval(SchoolClass removed, int records) {
    }

    /**
     * The board removes a class a school made by mistake, with every record of it (weekly figures, events and their
     * roll-ups); empty when the school has no such class.
     */
    public Optional<ClassRemoval> removeClass(String schoolId, long classId) {
        Optional<ClassRemoval> removal = db.transactionRetrying(c -> {
            Optional<SchoolClass> found = classes.find(c, classId).filter(k -> k.schoolId().equals(schoolId));
            if (found.isEmpty()) {
                return Optional.<ClassRemoval>empty();
            }
            classes.lockSchools(c, List.of(schoolId));
            SchoolClass k = found.get();
            List<WeekStore.Cell> weeks = org.gigaplan.plan.service.Jdbc.list(c,
                    "SELECT DISTINCT fiscal_year, week FROM usage_week WHERE class_id = ?",
                    r -> new WeekStore.Cell(classId, schoolId, k.grade(), r.getInt(1), r.getDate(2).toLocalDate(), 0),
                    classId);
            int records = classes.delete(c, classId);
            KeptCounts.refresh(c, weeks, basis);
            return Optional.of(new ClassRemoval(found.get(), records));
        });
        return removal;
    }

    /** A class to register. */
    public record ClassInput(Integer grade, String className) {
    }

    // ---------------------------------------------------------------------------------------------- demo

    /** Stores demo records through the same paths as real ones, marked as demo. */
    CaseStore caseStore() {
        return cases;
    }

    MeasureStore measureStore() {
        return measures;
    }

    Database database() {
        return db;
    }

    ClassStore classStore() {
        return classes;
    }

    WeekQueries weekQueries() {
        return queries;
    }

    /** The schools this module serves: every school of the directory it is not switched off for. */
    List<School> servedSchools() {
        List<School> all = schools.all();
        List<String> served = enablement.served(MODULE_ID, all);
        return all.stream().filter(s -> served.contains(s.id())).toList();
    }

    /** How many classes a school is expected to report for: those registered, else the directory's count. */
    int classesExpected(String schoolId) {
        int registered = classes.list(schoolId).size();
        return registered > 0 ? registered : schools.find(schoolId).map(School::classes).orElse(0);
    }

    // ---------------------------------------------------------------------------------------------- directory

    public Map<String, School> directory() {
        Map<String, School> out = new HashMap<>();
        for (School s : schools.all()) {
            out.put(s.id(), s);
        }
        return out;
    }

    public School school(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(field, "required");
        }
        return schools.find(id.trim()).orElseThrow(() -> new InvalidInputException(field, "no school " + id));
    }

    public FiscalYear fiscalYear(Integer year, String field) {
        FieldChecks check = new FieldChecks();
        FiscalYear fy = checks.fiscalYear(year, field, check);
        check.throwIfAny();
        return fy;
    }
}
