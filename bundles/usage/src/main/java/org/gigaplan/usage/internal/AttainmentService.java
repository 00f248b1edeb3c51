package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.usage.internal.SceneAttainment.Group;
import org.gigaplan.usage.internal.store.MeasureStore;
import org.gigaplan.usage.internal.store.WeekQueries;
import org.gigaplan.usage.internal.store.WeekQueries.Count;
import org.gigaplan.usage.internal.store.WeekQueries.WeekCount;
import org.gigaplan.usage.internal.store.WeekQueries.WeekTotal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Attainment of the plan's scene targets (policy 1) from the weekly figures: for a week, a term or the year, by city,
 * school type, grade, school or class, and week by week over a year. Every view is computed when asked, from the
 * counts kept beside the weekly figures ({@link org.gigaplan.usage.internal.store.KeptCounts}): nothing is cached on a
 * node, so a school switched off, or a write on another node, shows at once.
 */
@Component(service = AttainmentService.class)
public class AttainmentService {

    private final UsageService usage;
    private final ModuleEnablement enablement;
    private final UsageConfig config;
    private final WeekQueries weeks;
    private final MeasureStore measures;

    @Activate
    public AttainmentService(@Reference UsageService usage, @Reference ModuleEnablement enablement) {
        this.usage = usage;
        this.enablement = enablement;
        this.config = usage.config();
        this.weeks = usage.weekQueries();
        this.measures = usage.measureStore();
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
    public SceneAttainment attainment(SchoolCalendar.Period period, GroupBy by, String schoolId) {
        if (by == GroupBy.CLASS && schoolId == null) {
            throw new InvalidInputException("by", "class only for one school: give schoolId");
        }
        Map<Long, SchoolClass> classNames = by == GroupBy.CLASS
                ? usage.classes(schoolId).stream().collect(Collectors.toMap(SchoolClass::id, c -> c)) : Map.of();
        FiscalYear fy = period.fy();
        AttainmentCalculator calc = calculator(fy);
        Map<String, School> directory = usage.directory();
        Set<String> off = schoolId == null ? enablement.disabledSchools(UsageService.MODULE_ID) : Set.of();
        List<Count> totals = counts(period, by, schoolId).stream()
                .filter(t -> directory.containsKey(t.schoolId()) && !off.contains(t.schoolId())).toList();
        Map<String, List<Count>> target = new TreeMap<>();
        Map<String, List<Count>> apart = new TreeMap<>();
        Map<String, LocalizedText> labels = new HashMap<>();
        for (Count t : totals) {
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
                    SchoolClass row = classNames.get(t.classId());
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
        List<OwnMeasure> fyMeasures = by == GroupBy.SCHOOL ? measures.list(schoolId, fy.year()) : List.of();
        List<Group> groups = groups(target, labels, true, calc, fyMeasures);
        List<Group> others = groups(apart, labels, false, calc, fyMeasures);
        if (by == GroupBy.SCHOOL) {
            // High and secondary schools with measures but no scene records still show, with their measures.
            Set<String> shown = others.stream().map(Group::key).collect(Collectors.toSet());
            fyMeasures.stream().map(OwnMeasure::schoolId).distinct().filter(id -> !shown.contains(id))
                    .filter(id -> directory.containsKey(id) && !off.contains(id)).forEach(id -> {
                        labels.put(id, directory.get(id).name());
                        others.add(new Group(id, directory.get(id).name(), false, calc.fromCounts(List.of()),
                                fyMeasures.stream().filter(m -> m.schoolId().equals(id)).toList()));
                    });
            others.sort(Comparator.comparing(Group::key));
        }
        boolean demo = totals.stream().anyMatch(Count::demo);
        Instant asOf = totals.stream().map(Count::updatedAt).max(Comparator.naturalOrder()).orElse(null);
        return new SceneAttainment(fy.year(), period, config.timesPerWeek(), config.schoolClassShare(), usage.rule(), groups,
                others, demo, asOf);
    }

    private static List<Group> groups(Map<String, List<Count>> byGroup, Map<String, LocalizedText> labels,
            boolean carries, AttainmentCalculator calc, List<OwnMeasure> fyMeasures) {
        List<Group> out = new ArrayList<>();
        byGroup.forEach((key, list) -> out.add(new Group(key, labels.get(key), carries, calc.fromCounts(list),
                carries ? List.of() : fyMeasures.stream().filter(m -> m.schoolId().equals(key)).toList())));
        return out;
    }

    /**
     * Week-by-week shares over the fiscal year, for one school or for the city's target-carrying schools (the city's
     * kept weekly counts less the schools that set their own measures and those the module is switched off for).
     */
    public SceneAttainment.Trend trend(FiscalYear fy, String schoolId) {
        AttainmentCalculator calc = calculator(fy);
        List<SceneAttainment.TrendWeek> out = new ArrayList<>();
        boolean demo = false;
        if (schoolId == null) {
            Set<String> off = enablement.disabledSchools(UsageService.MODULE_ID);
            // Schools are never removed from the directory, so every school with counts is in it.
            List<String> without = usage.directory().values().stream()
                    .filter(s -> off.contains(s.id()) || !s.type().carriesSceneTargets()).map(School::id).sorted().toList();
            Map<LocalDate, Map<Integer, AttainmentCalculator.Total>> byWeek = new TreeMap<>();
            for (WeekTotal t : weeks.cityWeekTotals(fy.year(), without, calc.schoolClassShare())) {
                demo |= t.demo();
                byWeek.computeIfAbsent(t.week(), k -> new TreeMap<>()).put(t.scene(), new AttainmentCalculator.Total(
                        t.classes(), t.classesMeeting(), t.schools(), t.schoolsMeeting()));
            }
            byWeek.forEach((week, totals) -> out.add(new SceneAttainment.TrendWeek(week, calc.fromTotals(totals))));
        } else {
            Map<LocalDate, List<Count>> byWeek = new TreeMap<>();
            for (WeekCount w : weeks.weekCounts(fy.year(), schoolId)) {
                demo |= w.count().demo();
                byWeek.computeIfAbsent(w.week(), k -> new ArrayList<>()).add(w.count());
            }
            byWeek.forEach((week, rows) -> out.add(new SceneAttainment.TrendWeek(week, calc.fromCounts(rows))));
        }
        return new SceneAttainment.Trend(fy.year(), schoolId, config.timesPerWeek(), out, demo);
    }

    private AttainmentCalculator calculator(FiscalYear fy) {
        return new AttainmentCalculator(config.schoolClassShare(), usage.scenes(fy));
    }

    /**
     * The counts a view groups, read from what is kept at the coarsest grain it needs: each class of the school when
     * grouped by class, each school for a week unless grouped by grade, else each school's grades.
     */
    private List<Count> counts(SchoolCalendar.Period period, GroupBy by, String schoolId) {
        boolean week = period.kind().equals("week");
        if (by == GroupBy.CLASS) {
            return week ? weeks.classWeekCounts(period.firstWeek(), schoolId, config.timesPerWeek())
                    : weeks.classPeriodCounts(period, schoolId, config.timesPerWeek());
        }
        return week && by != GroupBy.GRADE ? weeks.schoolWeekCounts(period.firstWeek(), schoolId)
                : weeks.periodCounts(period, schoolId);
    }
}
