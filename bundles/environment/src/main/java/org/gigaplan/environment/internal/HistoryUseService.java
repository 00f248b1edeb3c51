package org.gigaplan.environment.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gigaplan.environment.internal.store.HistoryUseStore;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.UseFrequency;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.rest.SurveyYear;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.service.TeacherService;
import org.gigaplan.plan.spi.Percent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Teachers' use of learning histories: the plan's indicator counts teachers who use them at least once a week, as
 * the teachers report it each fiscal year; beside it, measured here, how many teachers opened a class's history in
 * each week. Board views show no figures for fewer than {@value XapiService#MIN_GROUP} reporting teachers.
 */
@Component(service = HistoryUseService.class)
public class HistoryUseService {

    private final Database db;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final PlanClock clock;
    private final HistoryUseStore store;
    private final TeacherService teachers;

    /** The most reports one request may carry: more teachers than any school has. */
    public static final int MAX_REPORTS = 1_000;

    /** The frequencies with their Japanese labels, which are accepted too: "DAILY（ほぼ毎日）、…". */
    private static final String FREQUENCIES = String.join("、", java.util.Arrays.stream(UseFrequency.values())
            .map(f -> f.name() + "（" + f.label().ja() + "）").toList());

    @Activate
    public HistoryUseService(@Reference Database db, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement, @Reference NetworkService migrated,
            @Reference TeacherService teachers) {
        // NetworkService applies the module's changelog; referencing it orders this component after it.
        this.clock = migrated.clock();
        this.db = db;
        this.schools = schools;
        this.enablement = enablement;
        this.store = new HistoryUseStore(db);
        this.teachers = teachers;
    }

    /**
     * Stores a school's teachers' reports, all or none; a later report of a year replaces the earlier. A report
     * without a year is for today's; another year only with {@code anyYear} (the board, or demo data).
     */
    public int report(String schoolId, List<HistoryUse.Report> reports, String by, boolean anyYear, boolean demo) {
        if (schools.find(schoolId).isEmpty()) {
            throw new InvalidInputException("schoolId", "no school " + schoolId);
        }
        if (reports == null || reports.isEmpty()) {
            throw new InvalidInputException("body", "give at least one report: [{\"teacherId\":\"T01\",\"fiscalYear\":2025,"
                    + "\"frequency\":\"WEEKLY\"}]", "学習履歴の活用の報告を一つ以上送ってください");
        }
        FieldChecks.batchSize(reports.size(), MAX_REPORTS);
        FieldChecks check = new FieldChecks();
        Map<String, String> seen = new HashMap<>();
        Map<String, String> teacherFields = new LinkedHashMap<>();
        LocalDate today = clock.today();
        List<FiscalYear> years = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            String at = "[" + i + "]";
            HistoryUse.Report r = reports.get(i);
            years.add(null);
            if (r == null) {
                check.add(at, "must be a report", "報告がありません");
                continue;
            }
            String teacher = r.teacherId() == null ? "" : r.teacherId().trim();
            teacherFields.put(at + ".teacherId", r.teacherId());
            FiscalYear fy = SurveyYear.of(r.fiscalYear(), at + ".fiscalYear", clock, anyYear, check);
            years.set(i, fy);
            if (fy != null) {
                if (r.reportedOn() != null && (!fy.contains(r.reportedOn()) || r.reportedOn().isAfter(today))) {
                    check.add(at + ".reportedOn", "a day of " + fy + " up to today, was " + r.reportedOn(),
                            "報告日は " + fy + " の今日までの日付にしてください（" + r.reportedOn() + "でした）");
                }
                String first = seen.putIfAbsent(teacher + "/" + fy.year(), at);
                if (first != null) {
                    check.add(at + ".teacherId", "teacher " + teacher + " in " + fy + " is also in " + first,
                            "教員 " + teacher + " の " + fy + " の報告が " + first + " にもあります");
                }
            }
            if (UseFrequency.parse(r.frequency()).isEmpty()) {
                check.add(at + ".frequency", "one of " + UseFrequency.names() + ", was \"" + r.frequency()
                        + "\"", FREQUENCIES + "のいずれかにしてください（\"" + r.frequency() + "\"でした）");
            }
        }
        teachers.checkListed(schoolId, teacherFields, check);
        check.throwIfAny();
        return db.transactionRetrying(c -> {
            for (int i = 0; i < reports.size(); i++) {
                HistoryUse.Report r = reports.get(i);
                FiscalYear fy = years.get(i);
                store.put(c, schoolId, r.teacherId().trim(), fy.year(),
                        UseFrequency.parse(r.frequency()).orElseThrow().name(),
                        r.reportedOn() != null ? r.reportedOn() : today.isAfter(fy.end()) ? fy.end() : today, by, demo);
            }
            return reports.size();
        });
    }

    /**
     * Counts that a teacher opened a class's learning history now: a teacher of the school's list only. One taken off
     * it while still logged in is not counted, or the record would put them back on it at the next start.
     */
    public void opened(String schoolId, String teacherId) {
        if (teachers.list(schoolId, true).stream().anyMatch(t -> t.code().equals(teacherId))) {
            store.opened(schoolId, teacherId, monday(clock.today()));
        }
    }

    /**
     * Use in a fiscal year by a school's teachers, or the city's (schoolId null: schools with the module switched
     * off left out). With {@code suppressSmall}, fewer than five reporting teachers show no figures.
     */
    public HistoryUse.Use use(FiscalYear fy, String schoolId, boolean suppressSmall) {
        Set<String> off = schoolId == null ? enablement.disabledSchools(NetworkService.MODULE_ID) : Set.of();
        List<HistoryUseStore.Row> rows = store.reports(fy.year(), schoolId).stream()
                .filter(r -> !off.contains(r.schoolId())).toList();
        boolean demo = rows.stream().anyMatch(HistoryUseStore.Row::demo);
        Map<java.time.LocalDate, Integer> weeks = new TreeMap<>();
        store.openedWeeks(schoolId, monday(fy.start()), fy.end()).stream().filter(w -> !off.contains(w.schoolId()))
                .forEach(w -> weeks.merge(w.week(), w.teachers(), Integer::sum));
        List<HistoryUse.Week> opened = weeks.entrySet().stream().map(e -> new HistoryUse.Week(e.getKey(), e.getValue()))
                .toList();
        int teachers = rows.size();
        if (suppressSmall && teachers < XapiService.MIN_GROUP) {
            return new HistoryUse.Use(fy.year(), schoolId, teachers, true, null, null, Map.of(), List.of(), demo);
        }
        Map<String, Integer> byFrequency = new LinkedHashMap<>();
        for (UseFrequency f : UseFrequency.values()) {
            byFrequency.put(f.name(), (int) rows.stream().filter(r -> r.frequency().equals(f.name())).count());
        }
        int weekly = (int) rows.stream().filter(r -> UseFrequency.valueOf(r.frequency()).weekly()).count();
        return new HistoryUse.Use(fy.year(), schoolId, teachers, false, weekly, Percent.of(weekly, teachers), byFrequency,
                opened, demo);
    }

    /** The plan's indicator for a scope: {share %, teachers, demo 0/1}; empty without (enough) reports. */
    public Optional<double[]> indicator(FiscalYear fy, String schoolId) {
        // A school's own roll-up shows its own figure; the city's needs five teachers.
        HistoryUse.Use use = use(fy, schoolId, schoolId == null);
        if (use.suppressed() || use.weeklyShare() == null) {
            return Optional.empty();
        }
        return Optional.of(new double[] { use.weeklyShare(), use.teachers(), use.demo() ? 1 : 0 });
    }

    /** How many of {@code schools} have a teacher's report for a fiscal year. */
    public int schoolsReporting(FiscalYear fy, java.util.Collection<String> schools) {
        return (int) store.reports(fy.year(), null).stream().map(HistoryUseStore.Row::schoolId).distinct()
                .filter(schools::contains).count();
    }

    /** Each school's use in a fiscal year, for the board (groups under five suppressed). */
    public List<HistoryUse.Use> bySchool(FiscalYear fy) {
        Set<String> off = enablement.disabledSchools(NetworkService.MODULE_ID);
        return schools.all().stream().filter(s -> !off.contains(s.id())).map(s -> use(fy, s.id(), true))
                .filter(u -> u.teachers() > 0 || !u.opened().isEmpty()).toList();
    }

    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public PlanClock clock() {
        return clock;
    }

    /** The schools' lists of teachers: reports name only teachers on them. */
    public TeacherService teachers() {
        return teachers;
    }

    /** How many reports and weeks of opened histories name a teacher of a school. */
    public int records(String schoolId, String teacherCode) {
        return store.records(schoolId, teacherCode);
    }

    /** Removes every report and opened week naming a teacher of a school. */
    public int remove(String schoolId, String teacherCode) {
        return store.remove(schoolId, teacherCode);
    }

    public Map<String, Set<String>> teachersNamed() {
        return store.teachersNamed();
    }
}
