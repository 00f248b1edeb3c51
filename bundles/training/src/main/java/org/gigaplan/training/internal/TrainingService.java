package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.SurveyYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.service.TeacherService;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.Percent;
import org.gigaplan.training.internal.store.AnswerStore;
import org.gigaplan.training.internal.store.AnswerStore.AnswerRow;
import org.gigaplan.training.internal.store.AnswerStore.ItemCount;
import org.gigaplan.training.internal.store.CourseStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy 2's checklist: teachers' yearly self-assessments, stored all or none per batch, and the rates per item and
 * category for schools and the city with the change since the previous year.
 */
@Component(service = TrainingService.class)
public class TrainingService {

    public static final String MODULE_ID = "training";

    public static final String CHANGELOG = "db/training/changelog.xml";

    /** Groups of fewer teachers than this are not shown in the board's views. */
    public static final int MIN_GROUP = 5;

    /** The survey's date: answers are as of March 1 of the fiscal year unless said otherwise. */
    public static final MonthDay AS_OF = MonthDay.of(3, 1);

    public static final int MAX_BATCH = 2_000;

    private final Database db;
    private final PlanService plan;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final PlanClock clock;
    private final TeacherService teachers;
    private final Checklist checklist = Checklist.shipped();
    private final AnswerStore answers;
    private final CourseStore courses;

    /** What a batch stored. */
    public record BatchResult(int teachers, int answers, List<String> teachersRegistered) {
    }

    @Activate
    public TrainingService(@Reference Database db, @Reference PlanService plan, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement, @Reference PlanClock clock, @Reference TeacherService teachers) {
        db.migrate(CHANGELOG, TrainingService.class.getClassLoader());
        this.db = db;
        this.plan = plan;
        this.schools = schools;
        this.enablement = enablement;
        this.clock = clock;
        this.teachers = teachers;
        this.answers = new AnswerStore(db, clock);
        this.courses = new CourseStore(db, clock);
    }

    public Checklist checklist() {
        return checklist;
    }

    /** March 1 of the fiscal year (in its second calendar year). */
    public static LocalDate asOf(FiscalYear fy) {
        return AS_OF.atYear(fy.year() + 1);
    }

    /**
     * The date of an answer given without one: the survey's March 1 of its year ({@link #asOf}) once that day has
     * come, else the day it is given, never a day to come.
     */
    static LocalDate answeredOn(FiscalYear fy, LocalDate today) {
        LocalDate asOf = asOf(fy);
        return asOf.isAfter(today) ? today : asOf;
    }

    // ---------------------------------------------------------------------------------------------- answers

    public PlanClock clock() {
        return clock;
    }

    /** The teachers' answers, for the module's other services (one store of each for the module). */
    AnswerStore answerStore() {
        return answers;
    }

    /** The courses, sessions and enrolments, for the module's other services. */
    CourseStore courseStore() {
        return courses;
    }

    /** The schools' lists of teachers: records name only teachers on them. */
    public TeacherService teachers() {
        return teachers;
    }

    /**
     * Stores a school's self-assessments: all or none. A teacher's later answer to an item in the same year
     * replaces the earlier one; teachers are registered on their first answers. An assessment without a year is for
     * today's; another year only with {@code anyYear} (the board, or demo data).
     */
    public BatchResult record(String schoolId, List<Assessment> input, String by, boolean anyYear, boolean demo) {
        School school = school(schoolId, "schoolId");
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one assessment: [{\"teacherId\":\"T01\","
                    + "\"fiscalYear\":2025,\"answers\":{\"A-1\":4}}]", "自己評価を一つ以上送ってください");
        }
        FieldChecks.batchSize(input.size(), MAX_BATCH);
        FieldChecks check = new FieldChecks();
        Map<String, String> seen = new HashMap<>();
        List<FiscalYear> years = new ArrayList<>();
        Map<String, String> teacherFields = new LinkedHashMap<>();
        LocalDate today = clock.today();
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            Assessment a = input.get(i);
            years.add(null);
            if (a == null) {
                check.add(at, "must be an assessment", "自己評価がありません");
                continue;
            }
            teacherFields.put(at + ".teacherId", a.teacherId());
            FiscalYear fy = surveyYear(a.fiscalYear(), at + ".fiscalYear", anyYear, check);
            years.set(i, fy);
            if (fy != null && a.answeredOn() != null && !fy.contains(a.answeredOn())) {
                check.add(at + ".answeredOn", a.answeredOn() + " is outside " + fy + " (" + fy.start()
                        + " – " + fy.end() + ")", "回答日 " + a.answeredOn() + " が " + fy + "（" + fy.start() + "〜"
                        + fy.end() + "）の外です");
            }
            if (a.teacherId() != null && fy != null) {
                String first = seen.putIfAbsent(a.teacherId().trim() + "/" + fy.year(), at);
                if (first != null) {
                    check.add(at + ".teacherId", "teacher " + a.teacherId().trim() + " in " + fy
                            + " is also in " + first, "教員 " + a.teacherId().trim() + " の " + fy + " の回答が " + first
                            + " にもあります");
                }
            }
            if (a.answers() == null || a.answers().isEmpty()) {
                check.add(at + ".answers", "give at least one answer: {\"A-1\": 4}",
                        "回答を一つ以上入力してください（例: {\"A-1\": 4}）");
                continue;
            }
            a.answers().forEach((item, answer) -> {
                String field = at + ".answers." + item;
                if (checklist.item(item).isEmpty()) {
                    check.add(field, "no checklist item " + item + ": items are A-1 … D-4",
                            "チェックリストの項目 " + item + " はありません（項目は A-1〜D-4）");
                } else if (answer == null || ChecklistAnswer.of(answer).isEmpty()) {
                    check.add(field, "must be 1 (ほとんどできない) to 4 (できる), was " + answer,
                            "1（ほとんどできない）〜4（できる）にしてください（" + answer + "でした）");
                }
            });
        }
        teachers.checkListed(school.id(), teacherFields, check);
        check.throwIfAny();
        return db.transactionRetrying(c -> {
            // Writers of one school's answers recount its kept counts one after the other.
            answers.lockSchools(c, List.of(school.id()));
            List<String> registered = new ArrayList<>();
            List<AnswerRow> rows = new ArrayList<>();
            Map<String, Long> ids = new HashMap<>();
            for (int i = 0; i < input.size(); i++) {
                Assessment a = input.get(i);
                String code = a.teacherId().trim();
                Long id = ids.get(code);
                if (id == null) {
                    Optional<Long> known = answers.teacher(c, school.id(), code);
                    if (known.isEmpty()) {
                        registered.add(code);
                    }
                    id = known.isPresent() ? known.get() : answers.ensureTeacher(c, school.id(), code, demo);
                    ids.put(code, id);
                }
                FiscalYear fy = years.get(i);
                LocalDate on = a.answeredOn() == null ? answeredOn(fy, today) : a.answeredOn();
                for (Map.Entry<String, Integer> e : a.answers().entrySet()) {
                    rows.add(new AnswerRow(id, school.id(), fy.year(), checklist.item(e.getKey()).orElseThrow().code(),
                            e.getValue(), on));
                }
            }
            answers.putAnswers(c, rows, by, demo);
            return new BatchResult(ids.size(), rows.size(), registered);
        });
    }

    /** A school's answers of a fiscal year, one row per teacher. */
    public Map<String, Map<String, Integer>> answers(String schoolId, FiscalYear fy) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (AnswerStore.Stored s : answers.answers(schoolId, fy.year(), null)) {
            out.computeIfAbsent(s.teacher(), k -> new TreeMap<>()).put(s.item(), s.answer());
        }
        return out;
    }

    /** One teacher's answers of a fiscal year, per category beside the previous year's. */
    public Optional<TeacherSkills> teacher(String schoolId, String teacherId, FiscalYear fy) {
        List<AnswerStore.Stored> now = answers.answers(schoolId, fy.year(), teacherId);
        List<AnswerStore.Stored> before = answers.answers(schoolId, fy.previous().year(), teacherId);
        if (now.isEmpty() && before.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> given = new TreeMap<>();
        now.forEach(s -> given.put(s.item(), s.answer()));
        Map<String, Integer> previous = new TreeMap<>();
        before.forEach(s -> previous.put(s.item(), s.answer()));
        List<TeacherSkills.CategoryScore> scores = new ArrayList<>();
        for (Checklist.Category c : checklist.categories()) {
            scores.add(new TeacherSkills.CategoryScore(c.code(), c.title(), rateOf(given, c), meanOf(given, c),
                    rateOf(previous, c), meanOf(previous, c)));
        }
        LocalDate on = now.stream().map(AnswerStore.Stored::answeredOn).max(LocalDate::compareTo).orElse(null);
        return Optional.of(new TeacherSkills(schoolId, teacherId, fy.year(), on, given, scores));
    }

    private static Double rateOf(Map<String, Integer> given, Checklist.Category c) {
        List<Integer> in = c.items().stream().map(i -> given.get(i.code())).filter(x -> x != null).toList();
        return in.isEmpty() ? null : Percent.of(in.stream().filter(ChecklistAnswer::counts).count(), in.size());
    }

    private static Double meanOf(Map<String, Integer> given, Checklist.Category c) {
        List<Integer> in = c.items().stream().map(i -> given.get(i.code())).filter(x -> x != null).toList();
        return in.isEmpty() ? null : Math.round(in.stream().mapToInt(Integer::intValue).average().orElse(0) * 100) / 100.0;
    }

    // ---------------------------------------------------------------------------------------------- rates

    /**
     * Rates of the city (schoolId null) or one school. With {@code suppressSmall}, a group of fewer than
     * {@value #MIN_GROUP} teachers shows no figures. Schools the module is switched off for are left out of
     * the city.
     */
    public Rates rates(FiscalYear fy, String schoolId, boolean suppressSmall) {
        Set<String> off = schoolId == null ? enablement.disabledSchools(MODULE_ID) : Set.of();
        List<ItemCount> now = answers.counts(fy.year(), schoolId).stream().filter(c -> !off.contains(c.schoolId())).toList();
        List<ItemCount> before = answers.counts(fy.previous().year(), schoolId).stream()
                .filter(c -> !off.contains(c.schoolId())).toList();
        int[] teachers = sum(answers.teachers(fy.year(), schoolId), off);
        int[] previousTeachers = sum(answers.teachers(fy.previous().year(), schoolId), off);
        LocalizedText label = schoolId == null ? LocalizedText.of("市全体", "City")
                : schools.find(schoolId).map(School::name).orElse(LocalizedText.of(schoolId, schoolId));
        int attendees = courses.answeringAttendees(fy.year(), fy.start(), fy.end()).entrySet().stream()
                .filter(e -> (schoolId == null || e.getKey().equals(schoolId)) && !off.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        return rates(fy, schoolId, label, now, before, teachers[0], previousTeachers[0], teachers[1] > 0, suppressSmall,
                attendees);
    }

    /** The schools this module serves: every school of the directory it is not switched off for. */
    public List<String> servedSchools() {
        return enablement.served(MODULE_ID, schools.all());
    }

    /** How many of the schools served have a teacher who answered the checklist in a fiscal year. */
    public Coverage schoolsAnswering(FiscalYear fy) {
        List<String> served = servedSchools();
        int answering = (int) answers.teachers(fy.year(), null).keySet().stream().filter(served::contains).count();
        return Coverage.schools(answering, served.size());
    }

    /** Every school's rates of a fiscal year, as the board sees them: small schools suppressed. */
    public List<Rates> ratesBySchool(FiscalYear fy) {
        Set<String> off = enablement.disabledSchools(MODULE_ID);
        Map<String, List<ItemCount>> now = bySchool(answers.counts(fy.year(), null));
        Map<String, List<ItemCount>> before = bySchool(answers.counts(fy.previous().year(), null));
        Map<String, int[]> teachers = answers.teachers(fy.year(), null);
        Map<String, int[]> previousTeachers = answers.teachers(fy.previous().year(), null);
        Map<String, Integer> attendees = courses.answeringAttendees(fy.year(), fy.start(), fy.end());
        List<Rates> out = new ArrayList<>();
        for (School s : schools.all()) {
            if (off.contains(s.id()) || (!now.containsKey(s.id()) && !before.containsKey(s.id()))) {
                continue;
            }
            int[] t = teachers.getOrDefault(s.id(), new int[2]);
            out.add(rates(fy, s.id(), s.name(), now.getOrDefault(s.id(), List.of()), before.getOrDefault(s.id(), List.of()),
                    t[0], previousTeachers.getOrDefault(s.id(), new int[2])[0], t[1] > 0, true,
                    attendees.getOrDefault(s.id(), 0)));
        }
        return out;
    }

    private static Map<String, List<ItemCount>> bySchool(List<ItemCount> counts) {
        Map<String, List<ItemCount>> out = new TreeMap<>();
        counts.forEach(c -> out.computeIfAbsent(c.schoolId(), k -> new ArrayList<>()).add(c));
        return out;
    }

    private static int[] sum(Map<String, int[]> bySchool, Set<String> off) {
        int[] out = new int[2];
        bySchool.forEach((school, v) -> {
            if (!off.contains(school)) {
                out[0] += v[0];
                out[1] = Math.max(out[1], v[1]);
            }
        });
        return out;
    }

    private Rates rates(FiscalYear fy, String schoolId, LocalizedText label, List<ItemCount> now, List<ItemCount> before,
            int teachers, int previousTeachers, boolean demo, boolean suppressSmall, int attendees) {
        boolean suppressed = suppressSmall && teachers < MIN_GROUP;
        boolean previousSuppressed = suppressSmall && previousTeachers < MIN_GROUP;
        Map<String, int[]> items = totals(now, false);
        Map<String, int[]> prevItems = totals(before, false);
        Map<String, int[]> categories = totals(now, true);
        Map<String, int[]> prevCategories = totals(before, true);
        List<Rates.Rate> categoryRates = new ArrayList<>();
        for (Checklist.Category c : checklist.categories()) {
            categoryRates.add(rate(c.code(), c.title(), categories.get(c.code()), prevCategories.get(c.code()), suppressed,
                    previousSuppressed));
        }
        List<Rates.Rate> itemRates = new ArrayList<>();
        for (Checklist.Item i : checklist.items()) {
            itemRates.add(rate(i.code(), i.text(), items.get(i.code()), prevItems.get(i.code()), suppressed,
                    previousSuppressed));
        }
        return new Rates(fy.year(), schoolId, label, teachers, previousTeachers, suppressed, categoryRates, itemRates,
                suppressed ? null : attendees, suppressed ? null : Percent.of(attendees, teachers), demo);
    }

    /** Answered and positive per item, or per category when {@code byCategory}. */
    private static Map<String, int[]> totals(List<ItemCount> counts, boolean byCategory) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (ItemCount c : counts) {
            int[] t = out.computeIfAbsent(byCategory ? c.item().substring(0, 1) : c.item(), k -> new int[2]);
            t[0] += c.answered();
            t[1] += c.positive();
        }
        return out;
    }

    private static Rates.Rate rate(String code, LocalizedText label, int[] now, int[] before, boolean suppressed,
            boolean previousSuppressed) {
        if (suppressed) {
            return new Rates.Rate(code, label, null, null, null, null, null);
        }
        Double rate = now == null ? null : Percent.of(now[1], now[0]);
        Double previous = before == null || previousSuppressed ? null : Percent.of(before[1], before[0]);
        Double change = rate == null || previous == null ? null : Math.round((rate - previous) * 10) / 10.0;
        return new Rates.Rate(code, label, now == null ? 0 : now[0], now == null ? 0 : now[1], rate, previous, change);
    }

    // ---------------------------------------------------------------------------------------------- checks

    public School school(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(field, "required");
        }
        return schools.find(id.trim()).orElseThrow(() -> new InvalidInputException(field, "no school " + id));
    }

    /**
     * The year a survey answer is stored for ({@link SurveyYear}): today's unless {@code anyYear} names an earlier
     * one, which must then lie in the plan period or the year before it.
     */
    public FiscalYear surveyYear(Integer year, String field, boolean anyYear, FieldChecks check) {
        FiscalYear fy = SurveyYear.of(year, field, clock, anyYear, check);
        return fy == null || fy.equals(clock.currentFiscalYear()) ? fy : checkFiscalYear(year, field, check);
    }

    /** The year a read asks for, refused outside the plan period; today's when not given. */
    public FiscalYear fiscalYear(Integer year, String field) {
        if (year == null) {
            return clock.currentFiscalYear();
        }
        FieldChecks check = new FieldChecks();
        FiscalYear fy = checkFiscalYear(year, field, check);
        check.throwIfAny();
        return fy;
    }

    private FiscalYear checkFiscalYear(Integer year, String field, FieldChecks check) {
        if (year == null) {
            check.add(field, "required");
            return null;
        }
        // The year before the plan's first is allowed: it is the baseline the first year's change is measured from.
        int first = plan.plan().firstCoveredYear() - 1;
        int last = plan.plan().lastYear();
        if (year < first || year > last) {
            check.add(field, "must be between FY" + first + " and FY" + last + ", was " + year,
                    "FY" + first + "〜FY" + last + "の年度にしてください（" + year + "でした）");
            return null;
        }
        return FiscalYear.of(year);
    }
}
