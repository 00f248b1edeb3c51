package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.SceneTarget;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.usage.internal.Attainment.Group;
import org.gigaplan.usage.internal.store.CaseStore;
import org.gigaplan.usage.internal.store.ClassStore;
import org.gigaplan.usage.internal.store.ClassStore.ClassRow;
import org.gigaplan.usage.internal.store.MeasureStore;
import org.gigaplan.usage.internal.store.WeekStore;
import org.gigaplan.usage.internal.store.WeekStore.Cell;
import org.gigaplan.usage.internal.store.WeekStore.ClassTotal;
import org.gigaplan.usage.internal.store.WeekStore.EventRow;
import org.gigaplan.usage.internal.store.WeekStore.WeekCount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Policy 1's records and figures: check-ins and usage events rolled up per class, week and scene; attainment of the
 * scene targets; the non-reporting list; high and secondary schools' own measures; lesson cases. Validates
 * everything it is given and stores all of a batch or none of it.
 */
@Component(service = UsageService.class, configurationPid = UsageConfig.PID)
@Designate(ocd = UsageConfig.class)
public class UsageService {

    /** The module's id: its REST path segment, console scope and enablement key. */
    public static final String MODULE_ID = "usage";

    public static final String CHANGELOG = "db/usage/changelog.xml";

    /** Most uses a week a check-in may give: every lesson of a school week. */
    public static final int MAX_COUNT = 35;

    /** Most records in one batch; bigger batches are split by the sender. */
    public static final int MAX_BATCH = 10_000;

    /** Scenes of the plan's scene-use targets, used when the plan in force has none for a year. */
    private static final List<Integer> DEFAULT_SCENES = List.of(1, 2, 3, 4, 5);

    private final Database db;
    private final PlanService plan;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final UsageConfig config;
    private final SchoolCalendar calendar;
    private final PlanClock clock;
    private final ClassStore classes;
    private final WeekStore weeks;
    private final MeasureStore measures;
    private final CaseStore cases;

    /** Bumped on every write: cached figures computed before it are stale. */
    private final AtomicLong writes = new AtomicLong();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long version, Attainment value) {
    }

    /** What a batch stored. */
    public record BatchResult(int records, int cells, int newUses, List<String> classesRegistered) {
    }

    @Activate
    public UsageService(@Reference Database db, @Reference PlanService plan, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement, @Reference PlanClock clock, UsageConfig config) {
        db.migrate(CHANGELOG, UsageService.class.getClassLoader());
        this.db = db;
        this.plan = plan;
        this.schools = schools;
        this.enablement = enablement;
        this.config = config;
        this.calendar = SchoolCalendar.of(config, clock);
        this.clock = clock;
        this.classes = new ClassStore(db);
        this.weeks = new WeekStore(db);
        this.measures = new MeasureStore(db);
        this.cases = new CaseStore(db);
    }

    public SchoolCalendar calendar() {
        return calendar;
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

    // ---------------------------------------------------------------------------------------------- classes

    public List<ClassRow> classes(String schoolId) {
        return classes.list(schoolId);
    }

    /** Registers classes of a school so that they show as missing when they do not report; known ones stay. */
    public List<ClassRow> registerClasses(String schoolId, List<ClassInput> input) {
        School school = school(schoolId, "schoolId");
        List<FieldError> errors = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one class: [{\"grade\":1,\"className\":\"1\"}]");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            ClassInput c = input.get(i);
            String at = "[" + i + "]";
            if (c == null) {
                errors.add(new FieldError(at, "must be a class"));
                continue;
            }
            checkGrade(school, c.grade(), at + ".grade", errors);
            checkClassName(c.className(), at + ".className", errors);
            if (c.grade() != null && c.className() != null && !seen.add(c.grade() + "-" + c.className().trim())) {
                errors.add(new FieldError(at, "class " + c.grade() + "-" + c.className().trim() + " is listed twice"));
            }
        }
        InvalidInputException.throwIfAny(errors);
        db.transactionRetrying(c -> {
            for (ClassInput in : input) {
                classes.ensure(c, schoolId, in.grade(), in.className().trim(), false);
            }
            return null;
        });
        writes.incrementAndGet();
        return classes.list(schoolId);
    }

    /** A class to register. */
    public record ClassInput(Integer grade, String className) {
    }

    // ---------------------------------------------------------------------------------------------- check-ins

    /**
     * Stores weekly check-ins: all or none. A later check-in for the same class, week and scene replaces the
     * earlier one; uses counted from events are kept.
     *
     * @param defaultSchool the school of a school user or agent, filled in where a check-in names none
     */
    public BatchResult recordCheckIns(List<CheckIn> input, String defaultSchool, String by, boolean demo) {
        List<FieldError> errors = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one check-in");
        }
        checkBatchSize(input.size());
        List<ValidCheckIn> valid = new ArrayList<>();
        Map<String, School> directory = directory();
        Map<String, String> cellsSeen = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            CheckIn in = input.get(i);
            if (in == null) {
                errors.add(new FieldError(at, "must be a check-in"));
                continue;
            }
            Optional<School> school = checkSchool(in.schoolId(), defaultSchool, at + ".schoolId", errors, directory);
            school.ifPresent(s -> checkGrade(s, in.grade(), at + ".grade", errors));
            checkClassName(in.className(), at + ".className", errors);
            checkWeek(in.week(), at + ".week", errors);
            if (in.scenes() == null || in.scenes().isEmpty()) {
                errors.add(new FieldError(at + ".scenes", "give at least one scene: [{\"scene\":1,\"count\":3}]"));
                continue;
            }
            List<Integer> validScenes = in.week() == null || !FiscalYear.handles(in.week()) ? DEFAULT_SCENES
                    : scenes(FiscalYear.containing(in.week()));
            List<int[]> uses = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            for (int j = 0; j < in.scenes().size(); j++) {
                String sat = at + ".scenes[" + j + "]";
                CheckIn.SceneUse u = in.scenes().get(j);
                if (u == null) {
                    errors.add(new FieldError(sat, "must be a scene use"));
                    continue;
                }
                boolean sceneOk = checkScene(u.scene(), validScenes, sat + ".scene", errors);
                Integer weekly = null;
                String answer = null;
                if (u.count() != null && u.answer() != null) {
                    errors.add(new FieldError(sat, "give count or answer, not both"));
                } else if (u.count() != null) {
                    if (u.count() < 0 || u.count() > MAX_COUNT) {
                        errors.add(new FieldError(sat + ".count",
                                "must be between 0 and " + MAX_COUNT + " uses a week, was " + u.count()));
                    } else {
                        weekly = u.count();
                    }
                } else if (u.answer() != null) {
                    Optional<Answer> a = Answer.parse(u.answer());
                    if (a.isEmpty()) {
                        errors.add(new FieldError(sat + ".answer", "one of " + Answer.codes() + " (or ほぼ毎日, 週3回以上, "
                                + "週1回以上, 月1回以上, 月1回未満), was \"" + u.answer() + "\""));
                    } else {
                        weekly = a.get().weeklyUses();
                        answer = a.get().name();
                    }
                } else {
                    errors.add(new FieldError(sat + ".count", "give count (uses this week) or answer (the scale)"));
                }
                if (sceneOk && weekly != null && school.isPresent() && in.grade() != null && in.className() != null
                        && in.week() != null) {
                    String key = school.get().id() + "/" + in.grade() + "-" + in.className().trim() + "/" + in.week()
                            + "/" + u.scene();
                    String first = cellsSeen.putIfAbsent(key, sat);
                    if (first != null) {
                        errors.add(new FieldError(sat, "scene " + u.scene() + " of class " + in.grade() + "-"
                                + in.className().trim() + " for the week of " + in.week() + " is also in " + first));
                    }
                    uses.add(new int[] { u.scene(), weekly });
                    answers.add(answer);
                }
            }
            if (school.isPresent() && errors.isEmpty()) {
                valid.add(new ValidCheckIn(school.get(), in.grade(), in.className().trim(), in.week(), uses, answers));
            }
        }
        InvalidInputException.throwIfAny(errors);
        Instant now = Instant.now();
        BatchResult result = db.transactionRetrying(c -> {
            Set<String> registered = new java.util.TreeSet<>();
            List<WeekStore.CheckInCell> cells = new ArrayList<>();
            for (ValidCheckIn v : valid) {
                long classId = classId(c, v.school().id(), v.grade(), v.className(), demo, registered);
                int fy = FiscalYear.containing(v.week()).year();
                for (int k = 0; k < v.uses().size(); k++) {
                    int[] u = v.uses().get(k);
                    cells.add(new WeekStore.CheckInCell(new Cell(classId, v.school().id(), v.grade(), fy, v.week(), u[0]),
                            u[1], v.answers().get(k)));
                }
            }
            classes.lock(c, cells.stream().map(cell -> cell.cell().classId()).toList());
            weeks.putCheckIns(c, cells, by, demo, now);
            weeks.refreshYears(c, classYears(cells.stream().map(WeekStore.CheckInCell::cell).toList()));
            return new BatchResult(valid.size(), cells.size(), 0, List.copyOf(registered));
        });
        writes.incrementAndGet();
        return result;
    }

    private static Set<List<Long>> classYears(Collection<Cell> cells) {
        Set<List<Long>> out = new LinkedHashSet<>();
        cells.forEach(cell -> out.add(List.of(cell.classId(), (long) cell.fiscalYear())));
        return out;
    }

    private record ValidCheckIn(School school, int grade, String className, LocalDate week, List<int[]> uses,
            List<String> answers) {
    }

    private long classId(java.sql.Connection c, String schoolId, int grade, String name, boolean demo,
            Set<String> registered) throws java.sql.SQLException {
        Optional<ClassRow> row = classes.find(c, schoolId, grade, name);
        if (row.isPresent()) {
            return row.get().id();
        }
        registered.add(schoolId + " " + grade + "-" + name);
        return classes.ensure(c, schoolId, grade, name, demo);
    }

    // ---------------------------------------------------------------------------------------------- events

    /**
     * Stores usage events and adds them to the weekly figures: all or none. Events of one class and scene within
     * one lesson slot count as one use, however many devices sent them.
     */
    public BatchResult recordEvents(List<UsageEvent> input, String defaultSchool, String by, boolean demo) {
        List<FieldError> errors = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one event");
        }
        checkBatchSize(input.size());
        List<ValidEvent> valid = new ArrayList<>();
        Map<String, School> directory = directory();
        Instant latest = Instant.now().plusSeconds(300);
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            UsageEvent e = input.get(i);
            if (e == null) {
                errors.add(new FieldError(at, "must be an event"));
                continue;
            }
            Optional<School> school = checkSchool(e.schoolId(), defaultSchool, at + ".schoolId", errors, directory);
            school.ifPresent(s -> checkGrade(s, e.grade(), at + ".grade", errors));
            checkClassName(e.className(), at + ".className", errors);
            LocalDate week = null;
            if (e.at() == null) {
                errors.add(new FieldError(at + ".at", "required: when, with its offset (2025-06-02T10:40:00+09:00)"));
            } else if (e.at().toInstant().isAfter(latest)) {
                errors.add(new FieldError(at + ".at", "is in the future: " + e.at()));
            } else {
                week = calendar.weekOf(e.at().toInstant());
                checkWeek(week, at + ".at", errors);
            }
            List<Integer> validScenes = week == null || !FiscalYear.handles(week) ? DEFAULT_SCENES
                    : scenes(FiscalYear.containing(week));
            checkScene(e.scene(), validScenes, at + ".scene", errors);
            checkText(e.app(), true, 100, at + ".app", errors);
            checkText(e.device(), false, 100, at + ".device", errors);
            if (errors.isEmpty() && school.isPresent()) {
                valid.add(new ValidEvent(school.get(), e.grade(), e.className().trim(), e.at().toInstant(), week,
                        e.scene(), e.app().trim(), e.device() == null ? null : e.device().trim()));
            }
        }
        InvalidInputException.throwIfAny(errors);
        Instant now = Instant.now();
        BatchResult result = db.transactionRetrying(c -> {
            Set<String> registered = new java.util.TreeSet<>();
            Map<String, Long> ids = new HashMap<>();
            List<EventRow> rows = new ArrayList<>(valid.size());
            Map<WeekStore.Slot, Cell> slots = new LinkedHashMap<>();
            for (ValidEvent v : valid) {
                String classKey = v.school().id() + "/" + v.grade() + "/" + v.className();
                Long classId = ids.get(classKey);
                if (classId == null) {
                    classId = classId(c, v.school().id(), v.grade(), v.className(), demo, registered);
                    ids.put(classKey, classId);
                }
                rows.add(new EventRow(classId, v.at(), v.scene(), v.app(), v.device(), by, demo));
                slots.putIfAbsent(new WeekStore.Slot(classId, v.scene(), calendar.slotOf(v.at())), new Cell(classId,
                        v.school().id(), v.grade(), FiscalYear.containing(v.week()).year(), v.week(), v.scene()));
            }
            classes.lock(c, ids.values());
            weeks.insertEvents(c, rows, now);
            Map<Cell, Integer> newUses = new LinkedHashMap<>();
            for (WeekStore.Slot fresh : weeks.markSlots(c, slots.keySet())) {
                newUses.merge(slots.get(fresh), 1, Integer::sum);
            }
            weeks.addEventUses(c, newUses, demo, now);
            weeks.refreshYears(c, classYears(newUses.keySet()));
            int added = newUses.values().stream().mapToInt(Integer::intValue).sum();
            return new BatchResult(valid.size(), slots.size(), added, List.copyOf(registered));
        });
        writes.incrementAndGet();
        return result;
    }

    private record ValidEvent(School school, int grade, String className, Instant at, LocalDate week, int scene,
            String app, String device) {
    }

    // ---------------------------------------------------------------------------------------------- figures

    /** Stored weekly figures, for listing and export. */
    public List<WeekStore.Figure> figures(FiscalYear fy, String schoolId, LocalDate week, int offset, int limit) {
        return weeks.figures(fy.year(), schoolId, week, offset, limit);
    }

    /** The next figures of a fiscal year after the one given (from the first when null), for exports in chunks. */
    public List<WeekStore.Figure> figuresAfter(FiscalYear fy, String schoolId, WeekStore.Figure after, int limit) {
        return weeks.figuresAfter(fy.year(), schoolId, after, limit);
    }

    public long countFigures(FiscalYear fy, String schoolId, LocalDate week) {
        return weeks.countFigures(fy.year(), schoolId, week);
    }

    /** How attainment is grouped. */
    public enum GroupBy {
        CITY, TYPE, GRADE, SCHOOL,
        /** Each class of one school: only with a school. */
        CLASS;

        public static Optional<GroupBy> parse(String text) {
            return java.util.Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text == null ? "" : text.trim()))
                    .findFirst();
        }
    }

    /**
     * Attainment of the scene targets over a period, for the city or one school (schoolId not null). Schools the
     * board switched the module off for are left out of figures beyond themselves.
     */
    public Attainment attainment(SchoolCalendar.Period period, GroupBy by, String schoolId) {
        String key = period.fiscalYear() + "/" + period.firstWeek() + "/" + period.lastWeek() + "/" + by + "/" + schoolId;
        long version = writes.get();
        Cached hit = cache.get(key);
        if (hit != null && hit.version() == version) {
            return hit.value();
        }
        Attainment value = computeAttainment(period, by, schoolId);
        if (cache.size() > 256) {
            cache.clear();
        }
        cache.put(key, new Cached(version, value));
        return value;
    }

    private Attainment computeAttainment(SchoolCalendar.Period period, GroupBy by, String schoolId) {
        if (by == GroupBy.CLASS && schoolId == null) {
            throw new InvalidInputException("by", "class only for one school: give schoolId");
        }
        Map<Long, ClassRow> classNames = by == GroupBy.CLASS
                ? classes.list(schoolId).stream().collect(Collectors.toMap(ClassRow::id, c -> c)) : Map.of();
        FiscalYear fy = period.fy();
        AttainmentCalculator calc = calculator(fy);
        Map<String, School> directory = directory();
        Set<String> off = schoolId == null ? enablement.disabledSchools(MODULE_ID) : Set.of();
        // The whole year is read from the per-class totals kept at every write; a week or a term from the weeks.
        List<ClassTotal> all = period.kind().equals("year") ? weeks.yearTotals(fy.year(), schoolId)
                : weeks.classTotals(fy.year(), period.firstWeek(), period.lastWeek(), schoolId);
        List<ClassTotal> totals = all.stream()
                .filter(t -> directory.containsKey(t.schoolId()) && !off.contains(t.schoolId())).toList();
        Map<String, List<ClassTotal>> target = new TreeMap<>();
        Map<String, List<ClassTotal>> apart = new TreeMap<>();
        Map<String, LocalizedText> labels = new HashMap<>();
        for (ClassTotal t : totals) {
            School s = directory.get(t.schoolId());
            boolean carries = s.type().carriesSceneTargets();
            String groupKey;
            LocalizedText label;
            switch (by == GroupBy.CITY && !carries ? GroupBy.TYPE : by) {
                case CITY -> {
                    groupKey = "city";
                    label = LocalizedText.of("市全体（小学校・中学校）", "City (elementary and junior high schools)");
                }
                case TYPE -> {
                    groupKey = s.type().name();
                    label = s.type().label();
                }
                case GRADE -> {
                    groupKey = s.type().name() + ":" + t.grade();
                    label = LocalizedText.of(s.type().label().ja() + t.grade() + "年",
                            s.type().label().en() + ", grade " + t.grade());
                }
                case CLASS -> {
                    ClassRow row = classNames.get(t.classId());
                    String name = row == null ? "#" + t.classId() : row.label();
                    groupKey = String.format("%02d:%s", t.grade(), name);
                    label = LocalizedText.of(name, name);
                }
                default -> {
                    groupKey = s.id();
                    label = s.name();
                }
            }
            labels.put(groupKey, label);
            (carries ? target : apart).computeIfAbsent(groupKey, k -> new ArrayList<>()).add(t);
        }
        List<Measure> fyMeasures = by == GroupBy.SCHOOL ? measures.list(schoolId, fy.year()) : List.of();
        List<Group> groups = groups(target, labels, true, calc, fyMeasures);
        List<Group> others = groups(apart, labels, false, calc, fyMeasures);
        if (by == GroupBy.SCHOOL) {
            // High and secondary schools with measures but no scene records still show, with their measures.
            Set<String> shown = others.stream().map(Group::key).collect(Collectors.toSet());
            fyMeasures.stream().map(Measure::schoolId).distinct().filter(id -> !shown.contains(id))
                    .filter(id -> directory.containsKey(id) && !off.contains(id)).forEach(id -> {
                        labels.put(id, directory.get(id).name());
                        others.add(new Group(id, directory.get(id).name(), false, calc.fromTotals(List.of()),
                                fyMeasures.stream().filter(m -> m.schoolId().equals(id)).toList()));
                    });
            others.sort(Comparator.comparing(Group::key));
        }
        boolean demo = totals.stream().anyMatch(ClassTotal::demo);
        Instant asOf = totals.stream().map(ClassTotal::updatedAt).max(Comparator.naturalOrder()).orElse(null);
        return new Attainment(fy.year(), period, config.timesPerWeek(), config.schoolClassShare(), rule(), groups,
                others, demo, asOf);
    }

    private static List<Group> groups(Map<String, List<ClassTotal>> byGroup, Map<String, LocalizedText> labels,
            boolean carries, AttainmentCalculator calc, List<Measure> fyMeasures) {
        List<Group> out = new ArrayList<>();
        byGroup.forEach((key, list) -> out.add(new Group(key, labels.get(key), carries, calc.fromTotals(list),
                carries ? List.of() : fyMeasures.stream().filter(m -> m.schoolId().equals(key)).toList())));
        return out;
    }

    /** Week-by-week shares over the fiscal year, for the city's target-carrying schools or one school. */
    public Attainment.Trend trend(FiscalYear fy, String schoolId) {
        AttainmentCalculator calc = calculator(fy);
        Map<String, School> directory = directory();
        Set<String> off = schoolId == null ? enablement.disabledSchools(MODULE_ID) : Set.of();
        Map<LocalDate, List<WeekCount>> byWeek = new TreeMap<>();
        boolean demo = false;
        for (WeekCount w : weeks.weekCounts(fy.year(), config.timesPerWeek(), schoolId)) {
            School s = directory.get(w.schoolId());
            if (s == null || off.contains(w.schoolId()) || (schoolId == null && !s.type().carriesSceneTargets())) {
                continue;
            }
            demo |= w.demo();
            byWeek.computeIfAbsent(w.week(), k -> new ArrayList<>()).add(w);
        }
        List<Attainment.TrendWeek> out = new ArrayList<>();
        byWeek.forEach((week, rows) -> out.add(new Attainment.TrendWeek(week, calc.fromWeekCounts(rows))));
        return new Attainment.Trend(fy.year(), schoolId, config.timesPerWeek(), out, demo);
    }

    // ---------------------------------------------------------------------------------------------- not reporting

    /** A school short of records for a week: every class missing, or some. */
    public record Missing(String schoolId, LocalizedText name, SchoolType type, int classesInDirectory,
            int classesRegistered, int classesReporting, List<String> missingClasses) {
    }

    /** The board's reminder list for a week: schools with no record, then those with classes missing. */
    public List<Missing> notReporting(LocalDate week) {
        Set<Long> reporting = new HashSet<>(weeks.classesReporting(week));
        Map<String, List<ClassRow>> bySchool = classes.list(null).stream()
                .collect(Collectors.groupingBy(ClassRow::schoolId, TreeMap::new, Collectors.toList()));
        Set<String> off = enablement.disabledSchools(MODULE_ID);
        List<Missing> out = new ArrayList<>();
        for (School s : schools.all()) {
            if (off.contains(s.id())) {
                continue;
            }
            List<ClassRow> registered = bySchool.getOrDefault(s.id(), List.of());
            List<String> missing = registered.stream().filter(c -> !reporting.contains(c.id())).map(ClassRow::label).toList();
            int reportingCount = registered.size() - missing.size();
            if (reportingCount == 0 || !missing.isEmpty()) {
                out.add(new Missing(s.id(), s.name(), s.type(), s.classes(), registered.size(), reportingCount, missing));
            }
        }
        out.sort(Comparator.comparing((Missing m) -> m.classesReporting() > 0).thenComparing(Missing::schoolId));
        return out;
    }

    // ---------------------------------------------------------------------------------------------- measures

    public List<Measure> measures(String schoolId, FiscalYear fy) {
        return measures.list(schoolId, fy.year());
    }

    public Optional<Measure> measure(long id) {
        return measures.find(id);
    }

    /** Registers a high or secondary school's own measure for a fiscal year. */
    public Measure addMeasure(String schoolId, MeasureInput in, String by) {
        School school = school(schoolId, "schoolId");
        List<FieldError> errors = new ArrayList<>();
        if (school.type().carriesSceneTargets()) {
            errors.add(new FieldError("schoolId", school.id() + " is a " + school.type().label().en().toLowerCase()
                    + ": the city's scene targets apply to it; own measures are for high, secondary and special-needs schools"));
        }
        if (in == null) {
            throw new InvalidInputException("body", "give fiscalYear, text and target");
        }
        FiscalYear fy = checkFiscalYear(in.fiscalYear(), "fiscalYear", errors);
        checkText(in.text(), true, 1000, "text", errors);
        checkText(in.target(), true, 500, "target", errors);
        InvalidInputException.throwIfAny(errors);
        long id = measures.add(schoolId, fy.year(), in.text().trim(), in.target().trim(), by, false);
        writes.incrementAndGet();
        return measures.find(id).orElseThrow();
    }

    public record MeasureInput(Integer fiscalYear, String text, String target) {
    }

    public record UpdateInput(LocalDate date, String progress, Integer percent) {
    }

    public Measure addUpdate(Measure m, UpdateInput in, String by) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw new InvalidInputException("body", "give date and progress");
        }
        LocalDate date = in.date() == null ? calendar.today() : in.date();
        if (!FiscalYear.of(m.fiscalYear()).contains(date)) {
            errors.add(new FieldError("date", date + " is outside " + FiscalYear.of(m.fiscalYear()) + ", the measure's year"));
        } else if (date.isAfter(calendar.today())) {
            errors.add(new FieldError("date", "is in the future: " + date));
        }
        checkText(in.progress(), true, 1000, "progress", errors);
        if (in.percent() != null && (in.percent() < 0 || in.percent() > 100)) {
            errors.add(new FieldError("percent", "must be between 0 and 100, was " + in.percent()));
        }
        InvalidInputException.throwIfAny(errors);
        measures.addUpdate(m.id(), date, in.progress().trim(), in.percent(), by);
        writes.incrementAndGet();
        return measures.find(m.id()).orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------- cases

    public record CaseInput(LocalizedText title, LocalizedText summary, List<Integer> scenes, String learningType,
            String subject, Integer grade, String schoolType, Boolean supportSoftware) {
    }

    public CaseStore.Draft validCase(CaseInput in) {
        if (in == null) {
            throw new InvalidInputException("body", "give title, summary, scenes, learningType and subject");
        }
        List<FieldError> errors = new ArrayList<>();
        checkLocalized(in.title(), 200, "title", errors);
        checkLocalized(in.summary(), 4000, "summary", errors);
        List<Integer> valid = scenes(FiscalYear.containing(calendar.today()));
        if (in.scenes() == null || in.scenes().isEmpty()) {
            errors.add(new FieldError("scenes", "give the scenes the case shows, e.g. [1, 4]"));
        } else {
            for (int i = 0; i < in.scenes().size(); i++) {
                checkScene(in.scenes().get(i), valid, "scenes[" + i + "]", errors);
            }
            if (new HashSet<>(in.scenes()).size() != in.scenes().size()) {
                errors.add(new FieldError("scenes", "lists a scene twice"));
            }
        }
        LearningType type = null;
        if (in.learningType() == null) {
            errors.add(new FieldError("learningType", "required: INDIVIDUAL, COLLABORATIVE or BOTH"));
        } else {
            type = LearningType.parse(in.learningType()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("learningType", "one of INDIVIDUAL (個別最適な学び), COLLABORATIVE (協働的な学び), "
                        + "BOTH, was \"" + in.learningType() + "\""));
            }
        }
        checkText(in.subject(), true, 50, "subject", errors);
        if (in.grade() != null && (in.grade() < 1 || in.grade() > 12)) {
            errors.add(new FieldError("grade", "must be between 1 and 12, was " + in.grade()));
        }
        SchoolType schoolType = null;
        if (in.schoolType() != null) {
            schoolType = SchoolType.parse(in.schoolType()).orElse(null);
            if (schoolType == null) {
                errors.add(new FieldError("schoolType", "one of ELEMENTARY, JUNIOR_HIGH, SECONDARY, HIGH, SPECIAL_NEEDS, was \""
                        + in.schoolType() + "\""));
            }
        }
        InvalidInputException.throwIfAny(errors);
        return new CaseStore.Draft(trim(in.title()), trim(in.summary()), in.scenes().stream().sorted().toList(), type,
                in.subject().trim(), in.grade(), schoolType, Boolean.TRUE.equals(in.supportSoftware()));
    }

    public LessonCase publishCase(CaseInput in, String by) {
        long id = cases.publish(validCase(in), by, false, clock.now());
        return cases.find(id).orElseThrow();
    }

    public Optional<LessonCase> updateCase(long id, CaseInput in) {
        CaseStore.Draft d = validCase(in);
        return cases.update(id, d) ? cases.find(id) : Optional.empty();
    }

    public boolean withdrawCase(long id) {
        return cases.withdraw(id);
    }

    public Optional<LessonCase> lessonCase(long id) {
        return cases.find(id);
    }

    public List<LessonCase> searchCases(LessonCase.Query q, int offset, int limit) {
        return cases.search(q, offset, limit);
    }

    public long countCases(LessonCase.Query q) {
        return cases.count(q);
    }

    public record AdoptionInput(String schoolId, LocalDate adoptedOn, String note) {
    }

    /** Records that a school used a case. */
    public LessonCase.Adoption adopt(LessonCase lessonCase, AdoptionInput in, String defaultSchool, String by) {
        List<FieldError> errors = new ArrayList<>();
        AdoptionInput input = in == null ? new AdoptionInput(null, null, null) : in;
        Optional<School> school = checkSchool(input.schoolId(), defaultSchool, "schoolId", errors);
        LocalDate on = input.adoptedOn() == null ? calendar.today() : input.adoptedOn();
        if (on.isAfter(calendar.today())) {
            errors.add(new FieldError("adoptedOn", "is in the future: " + on));
        }
        checkText(input.note(), false, 1000, "note", errors);
        InvalidInputException.throwIfAny(errors);
        long id = cases.adopt(lessonCase.id(), school.orElseThrow().id(), on,
                input.note() == null ? null : input.note().trim(), by, false);
        return cases.adoptions(school.get().id(), 0, Integer.MAX_VALUE).stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow();
    }

    public List<LessonCase.Adoption> adoptions(String schoolId, int offset, int limit) {
        return cases.adoptions(schoolId, offset, limit);
    }

    public Map<String, Long> adoptionsBySchool() {
        return cases.adoptionsBySchool();
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

    WeekStore weekStore() {
        return weeks;
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

    void touched() {
        writes.incrementAndGet();
    }

    // ---------------------------------------------------------------------------------------------- checks

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
        List<FieldError> errors = new ArrayList<>();
        FiscalYear fy = checkFiscalYear(year, field, errors);
        InvalidInputException.throwIfAny(errors);
        return fy;
    }

    private AttainmentCalculator calculator(FiscalYear fy) {
        return new AttainmentCalculator(config.timesPerWeek(), config.schoolClassShare(), scenes(fy));
    }

    private Optional<School> checkSchool(String id, String defaultSchool, String field, List<FieldError> errors) {
        return checkSchool(id, defaultSchool, field, errors, null);
    }

    /** Like the above, looking schools up in a directory read once for a whole batch. */
    private Optional<School> checkSchool(String id, String defaultSchool, String field, List<FieldError> errors,
            Map<String, School> directory) {
        String wanted = id == null || id.isBlank() ? defaultSchool : id.trim();
        if (wanted == null) {
            errors.add(new FieldError(field, "required"));
            return Optional.empty();
        }
        if (defaultSchool != null && !defaultSchool.equals(wanted)) {
            errors.add(new FieldError(field, "class of school " + wanted + ": you may record only for " + defaultSchool));
            return Optional.empty();
        }
        Optional<School> school = directory == null ? schools.find(wanted) : Optional.ofNullable(directory.get(wanted));
        if (school.isEmpty()) {
            errors.add(new FieldError(field, "no school " + wanted));
        }
        return school;
    }

    private static void checkGrade(School school, Integer grade, String field, List<FieldError> errors) {
        int max = switch (school.type()) {
            case ELEMENTARY, SECONDARY -> 6;
            case JUNIOR_HIGH, HIGH -> 3;
            case SPECIAL_NEEDS -> 12;
        };
        if (grade == null) {
            errors.add(new FieldError(field, "required"));
        } else if (grade < 1 || grade > max) {
            errors.add(new FieldError(field, "a " + school.type().label().en().toLowerCase() + " has grades 1 to " + max
                    + ", was " + grade));
        }
    }

    private static void checkClassName(String name, String field, List<FieldError> errors) {
        checkText(name, true, 32, field, errors);
    }

    private void checkWeek(LocalDate week, String field, List<FieldError> errors) {
        if (week == null) {
            errors.add(new FieldError(field, "required: the week's Monday (2025-06-02)"));
            return;
        }
        if (!SchoolCalendar.isMonday(week)) {
            errors.add(new FieldError(field, "must be a Monday, the first day of the week: " + week + " is a "
                    + week.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                    + ", its week is " + SchoolCalendar.mondayOf(week)));
            return;
        }
        if (!FiscalYear.handles(week)) {
            errors.add(new FieldError(field, FiscalYear.range() + ", was " + week));
            return;
        }
        FiscalYear fy = FiscalYear.containing(week);
        int first = plan.plan().firstCoveredYear();
        int last = plan.plan().lastYear();
        if (fy.year() < first || fy.year() > last) {
            errors.add(new FieldError(field, "the week of " + week + " is in " + fy + ", outside the plan's years FY"
                    + first + "–FY" + last));
        } else if (week.isAfter(calendar.currentWeek())) {
            errors.add(new FieldError(field, "the week of " + week + " has not begun yet"));
        }
    }

    private FiscalYear checkFiscalYear(Integer year, String field, List<FieldError> errors) {
        if (year == null) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        int first = plan.plan().firstCoveredYear();
        int last = plan.plan().lastYear();
        if (year < first || year > last) {
            errors.add(new FieldError(field, "must be a year of the plan, FY" + first + "–FY" + last + ", was " + year));
            return null;
        }
        return FiscalYear.of(year);
    }

    private static boolean checkScene(Integer scene, List<Integer> valid, String field, List<FieldError> errors) {
        if (scene == null) {
            errors.add(new FieldError(field, "required: one of " + valid));
            return false;
        }
        if (!valid.contains(scene)) {
            errors.add(new FieldError(field, "no scene " + scene + ": the plan's scenes are " + valid));
            return false;
        }
        return true;
    }

    private static void checkText(String text, boolean required, int max, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "required"));
            }
        } else if (text.trim().length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters, was " + text.trim().length()));
        } else if (text.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            errors.add(new FieldError(field, "contains control characters"));
        }
    }

    private static void checkLocalized(LocalizedText text, int max, String field, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(field, "required: {\"ja\": \"…\", \"en\": \"…\"}"));
            return;
        }
        checkText(text.ja(), true, max, field + ".ja", errors);
        checkText(text.en(), true, max, field + ".en", errors);
    }

    private static LocalizedText trim(LocalizedText t) {
        return new LocalizedText(t.ja().trim(), t.en().trim());
    }

    private static void checkBatchSize(int size) {
        if (size > MAX_BATCH) {
            throw new InvalidInputException("body", "at most " + MAX_BATCH + " records in one batch, was " + size
                    + ": send it in parts");
        }
    }
}
