package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.usage.internal.store.ClassStore;
import org.gigaplan.usage.internal.store.EventStore.EventRow;
import org.gigaplan.usage.internal.store.EventStore;
import org.gigaplan.usage.internal.store.FigureList;
import org.gigaplan.usage.internal.store.WeekStore.Cell;
import org.gigaplan.usage.internal.store.KeptDeltas;
import org.gigaplan.usage.internal.store.WeekStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy 1's weekly use: teachers' check-ins and classroom software's events, rolled up per class, week and scene,
 * and the weekly figures listed and exported. Validates everything it is given and stores all of a batch or none.
 */
@Component(service = WeeklyUseService.class)
public class WeeklyUseService {

    /** Most uses a week a check-in may give: every lesson of a school week. */
    public static final int MAX_COUNT = 35;

    /** Most records in one batch; bigger batches are split by the sender. */
    public static final int MAX_BATCH = 10_000;

    /** What a batch stored. */
    public record BatchResult(int records, int cells, int newUses, List<String> classesRegistered) {
    }

    private final UsageService usage;
    private final Database db;
    private final ClassStore classes;
    private final WeekStore weeks = new WeekStore();
    private final EventStore events = new EventStore();
    private final FigureList figureList;

    @Activate
    public WeeklyUseService(@Reference UsageService usage) {
        this.usage = usage;
        this.db = usage.database();
        this.classes = usage.classStore();
        this.figureList = new FigureList(db);
    }

    // ---------------------------------------------------------------------------------------------- check-ins

    /**
     * Stores weekly check-ins: all or none. A later check-in for the same class, week and scene replaces the
     * earlier one; uses counted from events are kept.
     *
     * @param defaultSchool the school of a school user or agent, filled in where a check-in names none
     */
    public BatchResult recordCheckIns(List<CheckIn> input, String defaultSchool, String by, boolean demo) {
        FieldChecks check = new FieldChecks();
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one check-in", "記録を一つ以上送ってください");
        }
        FieldChecks.batchSize(input.size(), MAX_BATCH);
        List<ValidCheckIn> valid = new ArrayList<>();
        Map<String, School> directory = usage.directory();
        ClassLists lists = new ClassLists(classes);
        Map<String, String> cellsSeen = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            CheckIn in = input.get(i);
            if (in == null) {
                check.add(at, "must be a check-in", "記録がありません");
                continue;
            }
            Optional<School> school = usage.checks().schoolClass(at, in.schoolId(), in.grade(), in.className(),
                    defaultSchool, check, directory, lists);
            String className = SchoolClass.normalName(in.className());
            usage.checks().week(in.week(), at + ".week", check);
            if (in.scenes() == null || in.scenes().isEmpty()) {
                check.add(at + ".scenes", "give at least one scene: [{\"scene\":1,\"count\":3}]",
                        "場面を一つ以上入力してください");
                continue;
            }
            List<Integer> validScenes = usage.scenesOfWeek(in.week());
            List<int[]> uses = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            for (int j = 0; j < in.scenes().size(); j++) {
                String sat = at + ".scenes[" + j + "]";
                CheckIn.SceneUse u = in.scenes().get(j);
                if (u == null) {
                    check.add(sat, "must be a scene use", "場面の記録がありません");
                    continue;
                }
                boolean sceneOk = UsageChecks.scene(u.scene(), validScenes, sat + ".scene", check);
                Integer weekly = null;
                String answer = null;
                if (u.count() != null && u.answer() != null) {
                    check.add(sat, "give count or answer, not both", "回数か頻度のどちらか一方を入力してください");
                } else if (u.count() != null) {
                    if (u.count() < 0 || u.count() > MAX_COUNT) {
                        check.add(sat + ".count", "must be between 0 and " + MAX_COUNT + " uses a week, was "
                                + u.count(), "週の回数は0〜" + MAX_COUNT + "にしてください（" + u.count() + "でした）");
                    } else {
                        weekly = u.count();
                    }
                } else if (u.answer() != null) {
                    Optional<Answer> a = Answer.parse(u.answer());
                    if (a.isEmpty()) {
                        check.add(sat + ".answer", "one of " + Answer.codes() + " (or ほぼ毎日, 週3回以上, "
                                + "週1回以上, 月1回以上, 月1回未満), was \"" + u.answer() + "\"", "ほぼ毎日・週3回以上・"
                                + "週1回以上・月1回以上・月1回未満のいずれかにしてください（\"" + u.answer() + "\"でした）");
                    } else {
                        weekly = a.get().weeklyUses();
                        answer = a.get().name();
                    }
                } else {
                    check.add(sat + ".count", "give count (uses this week) or answer (the scale)",
                            "回数（今週の使用回数）か頻度を入力してください");
                }
                if (sceneOk && weekly != null && school.isPresent() && in.grade() != null && className != null
                        && in.week() != null) {
                    String key = school.get().id() + "/" + in.grade() + "-" + className + "/" + in.week() + "/"
                            + u.scene();
                    String first = cellsSeen.putIfAbsent(key, sat);
                    if (first != null) {
                        check.add(sat, "scene " + u.scene() + " of class " + in.grade() + "-" + className
                                + " for the week of " + in.week() + " is also in " + first, in.week() + " の週の学級 "
                                + in.grade() + "-" + className + " の場面 " + u.scene() + " は " + first + " にもあります");
                    }
                    uses.add(new int[] { u.scene(), weekly });
                    answers.add(answer);
                }
            }
            if (school.isPresent() && check.ok()) {
                valid.add(new ValidCheckIn(school.get(), in.grade(), className, in.week(), uses, answers));
            }
        }
        check.throwIfAny();
        Instant now = usage.clock().now();
        BatchResult result = db.transactionRetrying(c -> {
            classes.lockSchools(c, valid.stream().map(v -> v.school().id()).toList());
            Set<String> registered = new java.util.TreeSet<>();
            Map<String, Long> ids = new HashMap<>();
            List<WeekStore.CheckInCell> cells = new ArrayList<>();
            for (ValidCheckIn v : valid) {
                long classId = classId(c, ids, v.school().id(), v.grade(), v.className(), demo, registered);
                int fy = FiscalYear.containing(v.week()).year();
                for (int k = 0; k < v.uses().size(); k++) {
                    int[] u = v.uses().get(k);
                    cells.add(new WeekStore.CheckInCell(new Cell(classId, v.school().id(), v.grade(), fy, v.week(), u[0]),
                            u[1], v.answers().get(k)));
                }
            }
            KeptDeltas.apply(c, weeks.putCheckIns(c, cells, by, demo, now), usage.basis(), now);
            return new BatchResult(valid.size(), cells.size(), 0, List.copyOf(registered));
        });
        return result;
    }

    private record ValidCheckIn(School school, int grade, String className, LocalDate week, List<int[]> uses,
            List<String> answers) {
    }

    /**
     * A class's id, registered when it is new (and named in {@code registered}); each class is looked up once per
     * batch, in {@code ids}.
     */
    private long classId(java.sql.Connection c, Map<String, Long> ids, String schoolId, int grade, String name,
            boolean demo, Set<String> registered) throws java.sql.SQLException {
        String key = schoolId + "/" + grade + "/" + name;
        Long known = ids.get(key);
        if (known != null) {
            return known;
        }
        Optional<SchoolClass> row = classes.find(c, schoolId, grade, name);
        long id;
        if (row.isPresent()) {
            id = row.get().id();
        } else {
            registered.add(schoolId + " " + grade + "-" + name);
            id = classes.ensure(c, schoolId, grade, name, demo);
        }
        ids.put(key, id);
        return id;
    }

    // ---------------------------------------------------------------------------------------------- events

    /**
     * Stores usage events and adds them to the weekly figures: all or none. Events of one class and scene within
     * one lesson slot count as one use, however many devices sent them.
     */
    public BatchResult recordEvents(List<UsageEvent> input, String defaultSchool, String by, boolean demo) {
        FieldChecks check = new FieldChecks();
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one event", "記録を一つ以上送ってください");
        }
        FieldChecks.batchSize(input.size(), MAX_BATCH);
        List<ValidEvent> valid = new ArrayList<>();
        Map<String, School> directory = usage.directory();
        ClassLists lists = new ClassLists(classes);
        Instant latest = usage.clock().now().plusSeconds(300);
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            UsageEvent e = input.get(i);
            if (e == null) {
                check.add(at, "must be an event", "記録がありません");
                continue;
            }
            Optional<School> school = usage.checks().schoolClass(at, e.schoolId(), e.grade(), e.className(),
                    defaultSchool, check, directory, lists);
            LocalDate week = null;
            if (e.at() == null) {
                check.add(at + ".at", "required: when, with its offset (2025-06-02T10:40:00+09:00)",
                        "必須です（日時と時差: 2025-06-02T10:40:00+09:00）");
            } else if (e.at().toInstant().isAfter(latest)) {
                check.add(at + ".at", "is in the future: " + e.at());
            } else {
                week = usage.calendar().weekOf(e.at().toInstant());
                usage.checks().week(week, at + ".at", check);
            }
            List<Integer> validScenes = usage.scenesOfWeek(week);
            UsageChecks.scene(e.scene(), validScenes, at + ".scene", check);
            check.text(e.app(), true, 100, at + ".app");
            check.text(e.device(), false, 100, at + ".device");
            if (check.ok() && school.isPresent()) {
                String device = e.device() == null ? null : e.device().trim();
                valid.add(new ValidEvent(school.get(), e.grade(), SchoolClass.normalName(e.className()),
                        e.at().toInstant(), week, e.scene(), e.app().trim(), device));
            }
        }
        check.throwIfAny();
        Instant now = usage.clock().now();
        BatchResult result = db.transactionRetrying(c -> {
            classes.lockSchools(c, valid.stream().map(v -> v.school().id()).toList());
            Set<String> registered = new java.util.TreeSet<>();
            Map<String, Long> ids = new HashMap<>();
            List<EventRow> rows = new ArrayList<>(valid.size());
            Map<EventStore.Slot, Cell> slots = new LinkedHashMap<>();
            for (ValidEvent v : valid) {
                long classId = classId(c, ids, v.school().id(), v.grade(), v.className(), demo, registered);
                rows.add(new EventRow(classId, v.at(), v.scene(), v.app(), v.device(), by, demo));
                slots.putIfAbsent(new EventStore.Slot(classId, v.scene(), usage.calendar().slotOf(v.at())), new Cell(classId,
                        v.school().id(), v.grade(), FiscalYear.containing(v.week()).year(), v.week(), v.scene()));
            }
            events.insertEvents(c, rows, now);
            Map<Cell, Integer> newUses = new LinkedHashMap<>();
            for (EventStore.Slot fresh : events.markSlots(c, slots.keySet())) {
                newUses.merge(slots.get(fresh), 1, Integer::sum);
            }
            KeptDeltas.apply(c, weeks.addEventUses(c, newUses, demo, now), usage.basis(), now);
            int added = newUses.values().stream().mapToInt(Integer::intValue).sum();
            return new BatchResult(valid.size(), slots.size(), added, List.copyOf(registered));
        });
        return result;
    }

    private record ValidEvent(School school, int grade, String className, Instant at, LocalDate week, int scene,
            String app, String device) {
    }

    // ---------------------------------------------------------------------------------------------- figures

    /**
     * Stored weekly figures, for listing: a page of a fiscal year's (or of one of its weeks when {@code week} is not
     * null), by school, grade, class, week and scene.
     */
    public List<WeeklyFigure> figures(FiscalYear fy, String schoolId, LocalDate week, int offset, int limit) {
        return figureList.page(usage.calendar().year(fy), schoolId, week, offset, limit);
    }

    /**
     * The figures of a fiscal year's next classes after the figure given (from the first when null), whole classes up
     * to {@code limit} figures or the first past it, for exports in chunks; empty at the end.
     */
    public List<WeeklyFigure> figuresAfter(FiscalYear fy, String schoolId, WeeklyFigure after, int limit) {
        return figureList.after(usage.calendar().year(fy), schoolId, after, limit);
    }

    public long countFigures(FiscalYear fy, String schoolId, LocalDate week) {
        return figureList.count(usage.calendar().year(fy), schoolId, week);
    }
}
