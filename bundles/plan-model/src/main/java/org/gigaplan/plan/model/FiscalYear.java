package org.gigaplan.plan.model;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * A Japanese fiscal (school) year, April 1 to March 31, named by the calendar year it starts in:
 * FY2025 runs from 2025-04-01 to 2026-03-31 and is 令和7年度.
 */
public record FiscalYear(int year) implements Comparable<FiscalYear> {

    /** First day of every fiscal year. */
    public static final MonthDay START = MonthDay.of(4, 1);
    /** Fiscal years outside this range are not school years anyone plans for. */
    public static final int MIN_YEAR = 1990;
    public static final int MAX_YEAR = 2100;
    /** First and last day of the fiscal years the platform handles: dates outside them are refused at the edge. */
    public static final LocalDate FIRST_DAY = LocalDate.of(MIN_YEAR, 4, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(MAX_YEAR + 1, 3, 31);

    public FiscalYear {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException(
                    "fiscal year must be between " + MIN_YEAR + " and " + MAX_YEAR + ", was " + year);
        }
    }

    public static FiscalYear of(int year) {
        return new FiscalYear(year);
    }

    /** Whether a date lies in a fiscal year the platform handles ({@link #FIRST_DAY} to {@link #LAST_DAY}). */
    public static boolean handles(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    /** What a field outside {@link #handles} is told: "a date from 1990-04-01 to 2101-03-31". */
    public static String range() {
        return "a date from " + FIRST_DAY + " to " + LAST_DAY;
    }

    /** The fiscal year a date falls in: January–March belong to the year that started the April before. */
    public static FiscalYear containing(LocalDate date) {
        return new FiscalYear(date.getMonthValue() < START.getMonthValue() ? date.getYear() - 1 : date.getYear());
    }

    /** The fiscal year an instant falls in, its date counted in {@code zone} (the city's). */
    public static FiscalYear containing(java.time.Instant at, java.time.ZoneId zone) {
        return containing(at.atZone(zone).toLocalDate());
    }

    public LocalDate start() {
        return START.atYear(year);
    }

    /** The instant the fiscal year begins in {@code zone}: April 1, 00:00 there. */
    public java.time.Instant startIn(java.time.ZoneId zone) {
        return start().atStartOfDay(zone).toInstant();
    }

    /** The instant the next fiscal year begins in {@code zone}: this one's end, exclusive. */
    public java.time.Instant endIn(java.time.ZoneId zone) {
        return next().startIn(zone);
    }

    public LocalDate end() {
        return start().plusYears(1).minusDays(1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start()) && !date.isAfter(end());
    }

    public FiscalYear next() {
        return new FiscalYear(year + 1);
    }

    public FiscalYear previous() {
        return new FiscalYear(year - 1);
    }

    /**
     * The era a fiscal year is named by. When an era changes inside a fiscal year, the year is named by the
     * era that holds most of it: FY2019 is 令和元年度 (Reiwa began on May 1), FY1988 is 昭和63年度 (Heisei
     * began the following January). The era in force on October 1, the year's midpoint, gives exactly that.
     */
    public JapaneseDate midpointInJapaneseCalendar() {
        return JapaneseDate.from(LocalDate.of(year, 10, 1));
    }

    /** 令和7年度 for FY2025; the first year of an era is 元年. */
    public String japaneseLabel() {
        JapaneseDate mid = midpointInJapaneseCalendar();
        JapaneseEra era = mid.getEra();
        int yearOfEra = mid.get(ChronoField.YEAR_OF_ERA);
        return era.getDisplayName(TextStyle.FULL, Locale.JAPAN) + (yearOfEra == 1 ? "元" : Integer.toString(yearOfEra)) + "年度";
    }

    /** FY2025. */
    public String englishLabel() {
        return "FY" + year;
    }

    public LocalizedText label() {
        return new LocalizedText(japaneseLabel(), englishLabel());
    }

    @Override
    public int compareTo(FiscalYear other) {
        return Integer.compare(year, other.year);
    }

    @Override
    public String toString() {
        return englishLabel();
    }
}
