package org.gigaplan.outreach.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gigaplan.outreach.internal.store.MeetingStore;
import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.spi.Percent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Schools' staff meetings sharing ICT initiatives (counted per school and term) and parent-meeting explanations of
 * ICT use (every school needs one a fiscal year: who has not yet, and how many days are left). Schools with the
 * module switched off are left out of the city's figures.
 */
@Component(service = MeetingService.class, configurationPid = OutreachConfig.PID)
@Designate(ocd = OutreachConfig.class)
public class MeetingService {

    public static final int MAX_BATCH = 1_000;

    private final Database db;
    private final SchoolService schools;
    private final ModuleEnablement enablement;
    private final PlanService plans;
    private final PlanClock clock;
    private final MeetingStore store;
    private final List<MonthDay> termStarts;
    private final OutreachConfig config;

    @Activate
    public MeetingService(@Reference Database db, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement, @Reference PlanService plans, @Reference PostService migrated,
            OutreachConfig config) {
        // PostService applies the module's changelog; referencing it orders this component after it.
        this.db = db;
        this.schools = schools;
        this.enablement = enablement;
        this.plans = plans;
        this.clock = migrated.clock();
        this.store = new MeetingStore(db);
        this.termStarts = termStarts(config.termStarts());
        this.config = config;
    }

    public PlanClock clock() {
        return clock;
    }

    /** Today, by the platform's clock. */
    public LocalDate today() {
        return clock.today();
    }

    public OutreachConfig config() {
        return config;
    }

    static List<MonthDay> termStarts(String[] values) {
        List<MonthDay> starts = new ArrayList<>();
        for (String value : values) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    try {
                        starts.add(MonthDay.parse("--" + s.trim()));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException("termStarts: MM-DD, was \"" + s.trim() + "\"", e);
                    }
                }
            }
        }
        if (starts.isEmpty() || !starts.get(0).equals(FiscalYear.START)) {
            throw new IllegalArgumentException("termStarts: the first term starts on 04-01, was " + starts);
        }
        for (int i = 1; i < starts.size(); i++) {
            if (!inYearOrder(starts.get(i - 1), starts.get(i))) {
                throw new IllegalArgumentException("termStarts: in the order of the school year (April to March), "
                        + "each once, was " + starts);
            }
        }
        return List.copyOf(starts);
    }

    /** Whether b comes after a in a school year that runs April to March. */
    private static boolean inYearOrder(MonthDay a, MonthDay b) {
        return a.atYear(a.getMonthValue() >= 4 ? 2001 : 2002).isBefore(b.atYear(b.getMonthValue() >= 4 ? 2001 : 2002));
    }

    /** Records a school's meetings of a kind, all or none; how many. */
    public int record(Meeting.Kind kind, String schoolId, List<Meeting.Input> meetings, String by, boolean demo) {
        if (schools.find(schoolId).isEmpty()) {
            throw new InvalidInputException("schoolId", "no school " + schoolId);
        }
        if (meetings == null || meetings.isEmpty()) {
            throw new InvalidInputException("body", "give at least one meeting: [{\"heldOn\":\"2025-06-12\","
                    + "\"topics\":[\"…\"]" + (kind == Meeting.Kind.STAFF ? ",\"planItems\":[\"P4-S1\"]" : ",\"audience\":\"…\"")
                    + ",\"attendees\":40}]", kind.label().ja() + "の記録を一つ以上送ってください");
        }
        FieldChecks.batchSize(meetings.size(), MAX_BATCH);
        Map<Integer, Set<String>> itemsByYear = new HashMap<>();
        LocalDate today = clock.today();
        FieldChecks check = new FieldChecks();
        for (int i = 0; i < meetings.size(); i++) {
            String at = "[" + i + "]";
            Meeting.Input m = meetings.get(i);
            if (m == null) {
                check.add(at, "must be a meeting", "会の記録がありません");
                continue;
            }
            if (m.heldOn() == null) {
                check.add(at + ".heldOn", "required: the day it was held", "必須です（開いた日）");
            } else if (m.heldOn().isAfter(today)) {
                check.add(at + ".heldOn", "a meeting that has taken place, not " + m.heldOn(),
                        "開いた会を記録します（" + m.heldOn() + " はまだ先です）");
            } else if (m.heldOn().getYear() < 2000) {
                check.add(at + ".heldOn", "from 2000, was " + m.heldOn(), "2000年以降の日付にしてください（" + m.heldOn()
                        + "でした）");
            }
            List<String> topics = m.topics() == null ? List.of() : m.topics();
            if (topics.isEmpty() || topics.stream().allMatch(t -> t == null || t.isBlank())) {
                check.add(at + ".topics", "at least one topic", "内容を1つ以上書いてください");
            } else if (topics.stream().anyMatch(t -> t == null || t.isBlank() || t.contains("\n"))) {
                check.add(at + ".topics", "each topic one non-empty line", "内容は1行に1つ、空の行なしで書いてください");
            } else if (String.join("\n", topics).length() > 1000) {
                check.add(at + ".topics", "at most 1000 characters in all", "内容は合わせて1000文字以内にしてください");
            }
            List<String> planItems = m.planItems() == null ? List.of() : m.planItems();
            if (kind == Meeting.Kind.PARENT && !planItems.isEmpty()) {
                check.add(at + ".planItems", "only for staff meetings", "取組は職員会議にだけ記録します");
            }
            // The action items of the meeting's year: its action plan, or before the board publishes one, the last.
            int year = m.heldOn() == null ? clock.currentFiscalYear().year() : FiscalYear.containing(m.heldOn()).year();
            Set<String> items = itemsByYear.computeIfAbsent(year, this::actionItems);
            for (int j = 0; j < planItems.size(); j++) {
                if (planItems.get(j) == null || !items.contains(planItems.get(j).trim())) {
                    check.add(at + ".planItems[" + j + "]", "an action item of the FY" + year + " action plan, e.g. "
                            + "P4-S1, was \"" + planItems.get(j) + "\"", year + "年度の行動計画の取組のコードにしてください（例: "
                            + "P4-S1、\"" + planItems.get(j) + "\"でした）");
                }
            }
            if (String.join(",", planItems.stream().map(String::valueOf).toList()).length() > 300) {
                check.add(at + ".planItems", "too many", "取組が多すぎます");
            }
            if (m.attendees() != null && (m.attendees() < 0 || m.attendees() > 10_000)) {
                check.add(at + ".attendees", "0 to 10000, was " + m.attendees(), "0〜10000にしてください（" + m.attendees()
                        + "でした）");
            }
            check.text(m.audience(), false, 100, at + ".audience");
            if (kind == Meeting.Kind.STAFF && m.materials() != null) {
                check.add(at + ".materials", "only for parent meetings", "資料は保護者会にだけ記録します");
            }
            check.text(m.materials(), false, 1000, at + ".materials");
        }
        check.throwIfAny();
        Instant now = clock.now();
        db.transaction(c -> {
            store.insert(c, kind, schoolId, meetings, by, now, demo);
            return null;
        });
        return meetings.size();
    }

    /** A school's meetings of a kind in a fiscal year. */
    public List<Meeting> meetings(Meeting.Kind kind, String schoolId, FiscalYear fy) {
        return store.list(kind, schoolId, fy.start(), fy.end());
    }

    public boolean delete(String schoolId, long id) {
        return store.delete(schoolId, id);
    }

    /** The terms of a fiscal year: 前期/後期 when there are two, else 1学期, 2学期, …. */
    public List<LocalizedText> terms(FiscalYear fy) {
        List<LocalizedText> out = new ArrayList<>();
        for (int n = 1; n <= termStarts.size(); n++) {
            String ja = termStarts.size() == 2 ? (n == 1 ? "前期" : "後期") : n + "学期";
            out.add(LocalizedText.of(ja, "Term " + n));
        }
        return out;
    }

    /** Which term (0-based) of its fiscal year a day falls in. */
    int termOf(LocalDate day) {
        FiscalYear fy = FiscalYear.containing(day);
        int term = 0;
        for (int i = 0; i < termStarts.size(); i++) {
            MonthDay start = termStarts.get(i);
            LocalDate date = start.atYear(start.getMonthValue() >= 4 ? fy.year() : fy.year() + 1);
            if (!day.isBefore(date)) {
                term = i;
            }
        }
        return term;
    }

    /** Every (enabled) school's staff meetings of a fiscal year, per term; the mean per school. */
    public Meeting.StaffCounts staffCounts(FiscalYear fy, String schoolId) {
        Set<String> off = schoolId == null ? enablement.disabledSchools(PostService.MODULE_ID) : Set.of();
        List<School> scope = schoolId == null ? schools.all() : schools.find(schoolId).stream().toList();
        Map<String, int[]> counts = new HashMap<>();
        boolean demo = false;
        for (MeetingStore.DayCount d : store.countByDay(Meeting.Kind.STAFF, schoolId, fy.start(), fy.end())) {
            counts.computeIfAbsent(d.schoolId(), k -> new int[termStarts.size()])[termOf(d.day())] += d.meetings();
            demo |= d.demo();
        }
        List<Meeting.SchoolCounts> rows = new ArrayList<>();
        int total = 0;
        for (School s : scope) {
            if (off.contains(s.id())) {
                continue;
            }
            int[] perTerm = counts.getOrDefault(s.id(), new int[termStarts.size()]);
            int sum = java.util.Arrays.stream(perTerm).sum();
            total += sum;
            rows.add(new Meeting.SchoolCounts(s.id(), s.name(), java.util.Arrays.stream(perTerm).boxed().toList(), sum));
        }
        Double mean = rows.isEmpty() ? null : Math.round(total * 10.0 / rows.size()) / 10.0;
        return new Meeting.StaffCounts(fy.year(), terms(fy), rows, total, mean, demo);
    }

    /**
     * Parent-meeting compliance of a fiscal year as of a day (today, or the year's last day once it is over):
     * schools with at least one parent meeting held by then, and the ones without.
     */
    public Meeting.Compliance compliance(FiscalYear fy, LocalDate asOf) {
        LocalDate today = clock.today();
        boolean over = asOf == null && today.isAfter(fy.end());
        // A year not begun yet: as of its first day, every school still to do.
        LocalDate day = asOf != null ? asOf : over ? fy.end() : today.isBefore(fy.start()) ? fy.start() : today;
        if (!fy.contains(day)) {
            throw new InvalidInputException("date", "a day of " + fy + " (" + fy.start() + " – " + fy.end() + "), was "
                    + day,
                    fy + "（" + fy.start() + "〜" + fy.end() + "）の日付にしてください（" + day + "でした）");
        }
        Set<String> off = enablement.disabledSchools(PostService.MODULE_ID);
        Set<String> held = new HashSet<>();
        boolean demo = false;
        for (MeetingStore.DayCount d : store.countByDay(Meeting.Kind.PARENT, null, fy.start(), day)) {
            held.add(d.schoolId());
            demo |= d.demo();
        }
        List<Meeting.Missing> notYet = new ArrayList<>();
        int schoolsCounted = 0;
        for (School s : schools.all()) {
            if (off.contains(s.id())) {
                continue;
            }
            schoolsCounted++;
            if (!held.contains(s.id())) {
                notYet.add(new Meeting.Missing(s.id(), s.name(), s.type().name()));
            }
        }
        int compliant = schoolsCounted - notYet.size();
        int daysLeft = over ? 0 : (int) ChronoUnit.DAYS.between(day, fy.end()) + 1;
        return new Meeting.Compliance(fy.year(), day, daysLeft, schoolsCounted, compliant,
                Percent.of(compliant, schoolsCounted), notYet, demo);
    }

    /** Whether a school held a parent meeting in a fiscal year (up to today). */
    public Optional<Boolean> compliant(FiscalYear fy, String schoolId) {
        if (schools.find(schoolId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(!store.countByDay(Meeting.Kind.PARENT, schoolId, fy.start(), fy.end()).isEmpty());
    }

    /** The ids of the action items of a fiscal year's action plan, else of the latest one before it. */
    private Set<String> actionItems(int fiscalYear) {
        return plans.plan().actionPlans().stream().filter(p -> p.fiscalYear() <= fiscalYear)
                .max(java.util.Comparator.comparingInt(ActionPlan::fiscalYear)).stream()
                .flatMap(p -> p.actionItems().stream()).map(ActionItem::id).collect(Collectors.toSet());
    }
}
