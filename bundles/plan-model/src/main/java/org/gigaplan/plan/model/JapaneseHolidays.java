package org.gigaplan.plan.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japan's national holidays (国民の祝日), by the Act on National Holidays as in force since 2020, with the moves of
 * 2019–2021 (the accession, the Tokyo Games): the fixed days, the Happy Monday days, the equinoxes (by the
 * astronomical formula valid 1980–2099, which the Cabinet Office's yearly announcements have matched), substitute
 * holidays (振替休日: a holiday on a Sunday moves to the next day that is not a holiday) and the citizens' holiday
 * (国民の休日: a day between two holidays). Years from 2000 to 2099; other years are refused.
 *
 * <p>The jollyday library's Japanese calendar lacks the equinoxes, most substitute days and the 2020 move of the
 * Emperor's Birthday, so the rules are kept here, once, and tested against the Cabinet Office's lists.
 */
public final class JapaneseHolidays {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2099;
    private static final Map<Integer, Map<LocalDate, String>> YEARS = new ConcurrentHashMap<>();

    private JapaneseHolidays() {
    }

    /** Whether a day is a national holiday (weekends are not, unless a holiday falls on one). */
    public static boolean isHoliday(LocalDate day) {
        return of(day.getYear()).containsKey(day);
    }

    /** The holidays of a calendar year by date, each with its Japanese name. */
    public static Map<LocalDate, String> of(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("Japanese holidays are known for " + FIRST_YEAR + "–" + LAST_YEAR
                    + ", not " + year);
        }
        return YEARS.computeIfAbsent(year, y -> Collections.unmodifiableMap(compute(y)));
    }

    private static Map<LocalDate, String> compute(int y) {
        TreeMap<LocalDate, String> h = new TreeMap<>();
        h.put(LocalDate.of(y, 1, 1), "元日");
        h.put(monday(y, Month.JANUARY, 2), "成人の日");
        h.put(LocalDate.of(y, 2, 11), "建国記念の日");
        if (y >= 2020) {
            h.put(LocalDate.of(y, 2, 23), "天皇誕生日");
        } else if (y <= 2018) {
            h.put(LocalDate.of(y, 12, 23), "天皇誕生日");
        }
        h.put(LocalDate.of(y, 3, equinox(y, 20.8431)), "春分の日");
        h.put(LocalDate.of(y, 4, 29), y >= 2007 ? "昭和の日" : "みどりの日");
        h.put(LocalDate.of(y, 5, 3), "憲法記念日");
        if (y >= 2007) {
            h.put(LocalDate.of(y, 5, 4), "みどりの日");
        }
        h.put(LocalDate.of(y, 5, 5), "こどもの日");
        h.put(switch (y) {
            case 2020 -> LocalDate.of(2020, 7, 23);
            case 2021 -> LocalDate.of(2021, 7, 22);
            default -> y >= 2003 ? monday(y, Month.JULY, 3) : LocalDate.of(y, 7, 20);
        }, "海の日");
        if (y >= 2016) {
            h.put(switch (y) {
                case 2020 -> LocalDate.of(2020, 8, 10);
                case 2021 -> LocalDate.of(2021, 8, 8);
                default -> LocalDate.of(y, 8, 11);
            }, "山の日");
        }
        h.put(y >= 2003 ? monday(y, Month.SEPTEMBER, 3) : LocalDate.of(y, 9, 15), "敬老の日");
        h.put(LocalDate.of(y, 9, equinox(y, 23.2488)), "秋分の日");
        h.put(switch (y) {
            case 2020 -> LocalDate.of(2020, 7, 24);
            case 2021 -> LocalDate.of(2021, 7, 23);
            default -> monday(y, Month.OCTOBER, 2);
        }, y >= 2020 ? "スポーツの日" : "体育の日");
        h.put(LocalDate.of(y, 11, 3), "文化の日");
        h.put(LocalDate.of(y, 11, 23), "勤労感謝の日");
        if (y == 2019) {
            h.put(LocalDate.of(2019, 5, 1), "即位の日");
            h.put(LocalDate.of(2019, 10, 22), "即位礼正殿の儀の行われる日");
        }
        // A weekday (not Sunday) between two holidays is a holiday too.
        for (LocalDate d : new TreeMap<>(h).keySet()) {
            LocalDate between = d.plusDays(1);
            if (!h.containsKey(between) && h.containsKey(d.plusDays(2)) && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                h.put(between, "国民の休日");
            }
        }
        // A holiday on a Sunday: the next day that is not a holiday is one (since 2007; before, the Monday).
        for (LocalDate d : new TreeMap<>(h).keySet()) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate next = d.plusDays(1);
                while (y >= 2007 && h.containsKey(next)) {
                    next = next.plusDays(1);
                }
                h.putIfAbsent(next, "休日");
            }
        }
        return h;
    }

    private static LocalDate monday(int year, Month month, int nth) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, DayOfWeek.MONDAY));
    }

    /** The day of March (20.8431) or September (23.2488) the equinox falls on in Japan, 1980–2099. */
    private static int equinox(int year, double base) {
        int n = year - 1980;
        return (int) Math.floor(base + 0.242194 * n - Math.floor(n / 4.0));
    }
}
