package org.gigaplan.usage.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.service.PlanClock;

/**
 * Weeks, terms and lesson slots of the school year. A week is named by its Monday and belongs to the fiscal year
 * (and the term) its Monday falls in, so the week of March 30, 2026 counts in FY2025.
 */
public final class SchoolCalendar {

    /** A span of weeks inside one fiscal year, named by their Mondays; kind is year, term or week. */
    public record Period(String kind, int fiscalYear, LocalDate firstWeek, LocalDate lastWeek, LocalizedText label) {

        public FiscalYear fy() {
            return FiscalYear.of(fiscalYear);
        }
    }

    private final PlanClock clock;
    private final List<MonthDay> termStarts;
    private final int slotMinutes;
    /** {@link #keptPeriods} by fiscal year: asked for every class and week a write touches. */
    private final java.util.Map<Integer, List<Period>> keptPeriods = new java.util.concurrent.ConcurrentHashMap<>();

    public SchoolCalendar(PlanClock clock, List<MonthDay> termStarts, int slotMinutes) {
        if (termStarts.isEmpty() || !termStarts.get(0).equals(FiscalYear.START)) {
            throw new IllegalArgumentException("the first term starts on " + FiscalYear.START + ", the fiscal year's first day");
        }
        this.clock = clock;
        this.termStarts = List.copyOf(termStarts);
        this.slotMinutes = slotMinutes;
    }

    public static SchoolCalendar of(UsageConfig config, PlanClock clock) {
        List<MonthDay> starts = new ArrayList<>();
        // A .cfg file gives "04-01,10-01" as one value; metatype-aware tools give an array.
        for (String value : config.termStarts()) {
            for (String s : value.split(",")) {
                try {
                    starts.add(MonthDay.parse("--" + s.trim()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("term start must be MM-DD, was \"" + s + "\"", e);
                }
            }
        }
        // Order in the fiscal year: April..December, then January..March.
        starts.sort((a, b) -> Integer.compare(fiscalOrder(a), fiscalOrder(b)));
        return new SchoolCalendar(clock, starts, config.slotMinutes());
    }

    private static int fiscalOrder(MonthDay d) {
        return ((d.getMonthValue() + 8) % 12) * 100 + d.getDayOfMonth();
    }

    public ZoneId zone() {
        return clock.zone();
    }

    /** Today, by the platform's clock. */
    public LocalDate today() {
        return clock.today();
    }

    public int terms() {
        return termStarts.size();
    }

    public static boolean isMonday(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.MONDAY;
    }

    public static LocalDate mondayOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The school day an instant falls on, in the schools' zone. */
    public LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, clock.zone());
    }

    public LocalDate weekOf(Instant at) {
        return mondayOf(dayOf(at));
    }

    public static FiscalYear fiscalYearOf(LocalDate week) {
        return FiscalYear.containing(week);
    }

    /** Start of the lesson slot an instant falls in: events of one class and scene in one slot are one use. */
    public Instant slotOf(Instant at) {
        ZoneId zone = clock.zone();
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        int slotStart = minuteOfDay / slotMinutes * slotMinutes;
        return local.toLocalDate().atStartOfDay().plusMinutes(slotStart).atZone(zone).toInstant();
    }

    /** The Monday of the last full week before today: the week the board's reminder list is about. */
    public LocalDate lastWeek() {
        return mondayOf(clock.today()).minusWeeks(1);
    }

    public LocalDate currentWeek() {
        return mondayOf(clock.today());
    }

    /** The weeks of a fiscal year: Mondays from the first in it to the last in it. */
    public Period year(FiscalYear fy) {
        return new Period("year", fy.year(), firstMonday(fy.start()), mondayOf(fy.end()), fy.label());
    }

    public Period week(FiscalYear fy, LocalDate monday) {
        return new Period("week", fy.year(), monday, monday,
                LocalizedText.of(monday + " の週", "week of " + monday));
    }

    /** Term {@code n} (1-based) of a fiscal year. */
    public Period term(FiscalYear fy, int n) {
        if (n < 1 || n > termStarts.size()) {
            throw new IllegalArgumentException("term must be between 1 and " + termStarts.size() + ", was " + n);
        }
        LocalDate start = dateIn(fy, termStarts.get(n - 1));
        LocalDate end = n == termStarts.size() ? fy.end() : dateIn(fy, termStarts.get(n)).minusDays(1);
        String ja = termStarts.size() == 2 ? (n == 1 ? "前期" : "後期") : n + "学期";
        return new Period("term", fy.year(), firstMonday(start), mondayOf(end),
                LocalizedText.of(fy.japaneseLabel() + " " + ja, fy.englishLabel() + " term " + n));
    }

    /**
     * The periods whose totals are kept as records arrive, so that their views read counts instead of figures: the
     * year, then each term.
     */
    public List<Period> keptPeriods(FiscalYear fy) {
        return keptPeriods.computeIfAbsent(fy.year(), y -> {
            List<Period> out = new ArrayList<>();
            out.add(year(fy));
            for (int n = 1; n <= termStarts.size(); n++) {
                out.add(term(fy, n));
            }
            return List.copyOf(out);
        });
    }

    private static LocalDate dateIn(FiscalYear fy, MonthDay day) {
        LocalDate inStartYear = day.atYear(fy.year());
        return fy.contains(inStartYear) ? inStartYear : day.atYear(fy.year() + 1);
    }

    private static LocalDate firstMonday(LocalDate from) {
        return from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }
}
