package org.gigaplan.plan.notify;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * When a job runs, in the words an operator writes in its configuration, in the platform's zone:
 * <ul>
 * <li>{@code daily 07:30}: every day at 07:30;</li>
 * <li>{@code weekly MON 08:00}: every Monday at 08:00 ({@code MON}…{@code SUN});</li>
 * <li>{@code monthly 1 08:00}: on the 1st of every month at 08:00 (1–28, so every month has the day).</li>
 * </ul>
 *
 * @param every      {@code daily}, {@code weekly} or {@code monthly}
 * @param dayOfWeek  for weekly schedules; null otherwise
 * @param dayOfMonth for monthly schedules (1–28); 0 otherwise
 * @param time       the time of day
 */
public record Schedule(String every, DayOfWeek dayOfWeek, int dayOfMonth, LocalTime time) {

    public Schedule {
        Objects.requireNonNull(time, "time");
        switch (Objects.requireNonNull(every, "every")) {
            case "daily" -> {
                if (dayOfWeek != null || dayOfMonth != 0) {
                    throw new IllegalArgumentException("a daily schedule names no day");
                }
            }
            case "weekly" -> Objects.requireNonNull(dayOfWeek, "dayOfWeek");
            case "monthly" -> {
                if (dayOfMonth < 1 || dayOfMonth > 28) {
                    throw new IllegalArgumentException("a monthly schedule's day is 1 to 28, was " + dayOfMonth);
                }
            }
            default -> throw new IllegalArgumentException("a schedule is daily, weekly or monthly, was " + every);
        }
    }

    /**
     * Reads a schedule as written in a configuration.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static Schedule parse(String text) {
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        try {
            if (words.length == 2 && words[0].equalsIgnoreCase("daily")) {
                return new Schedule("daily", null, 0, LocalTime.parse(words[1]));
            }
            if (words.length == 3 && words[0].equalsIgnoreCase("weekly")) {
                return new Schedule("weekly", day(words[1]), 0, LocalTime.parse(words[2]));
            }
            if (words.length == 3 && words[0].equalsIgnoreCase("monthly")) {
                return new Schedule("monthly", null, Integer.parseInt(words[1]), LocalTime.parse(words[2]));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a schedule: \"" + text + "\" (" + e.getMessage()
                    + "); write e.g. \"daily 07:30\", \"weekly MON 08:00\" or \"monthly 1 08:00\"", e);
        }
        throw new IllegalArgumentException("not a schedule: \"" + text
                + "\"; write e.g. \"daily 07:30\", \"weekly MON 08:00\" or \"monthly 1 08:00\"");
    }

    private static DayOfWeek day(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(w) && w.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + word + " (MON … SUN)");
    }

    /** The first time after {@code after} (strictly) the schedule names, in a zone. */
    public Instant next(Instant after, ZoneId zone) {
        LocalDateTime from = LocalDateTime.ofInstant(after, zone);
        LocalDate day = from.toLocalDate();
        for (int i = 0; i < 62; i++, day = day.plusDays(1)) {
            boolean matches = switch (every) {
                case "daily" -> true;
                case "weekly" -> day.getDayOfWeek() == dayOfWeek;
                default -> day.getDayOfMonth() == dayOfMonth;
            };
            if (matches) {
                Instant at = day.atTime(time).atZone(zone).toInstant();
                if (at.isAfter(after)) {
                    return at;
                }
            }
        }
        throw new IllegalStateException("no time in two months after " + after + " for " + this);
    }

    /** As an operator writes it: {@code weekly MON 08:00}. */
    @Override
    public String toString() {
        return switch (every) {
            case "daily" -> "daily " + time;
            case "weekly" -> "weekly " + dayOfWeek.name().substring(0, 3) + " " + time;
            default -> "monthly " + dayOfMonth + " " + time;
        };
    }
}
