package org.gigaplan.platform.internal.roster;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grade codes and class names as Japanese schools use them: the Japan Profile's {@code P1}–{@code P6} (小学校),
 * {@code J1}–{@code J3} (中学校) and {@code H1}–{@code H4} (高等学校, four years part-time), beside the CEDS codes of
 * OneRoster ({@code PK}, {@code KG}, {@code 01}–{@code 13}…) and {@code ext:} values.
 */
public final class RosterGrades {

    private static final Pattern JAPAN = Pattern.compile("([PJH])([1-6])");
    private static final Set<String> CEDS = Set.of("IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05", "06",
            "07", "08", "09", "10", "11", "12", "13", "PS", "UG", "Other");
    /** The part between 年 and 組 of a title such as 5年1組 or 第1学年A組. */
    private static final Pattern CLASS_IN_TITLE = Pattern.compile("年\\s*([^年組\\s]+)\\s*組");

    private RosterGrades() {
    }

    /** A school stage: which school the grade is a year of. */
    public enum Stage {
        /** 小学校, years 1–6. */
        ELEMENTARY,
        /** 中学校, years 1–3. */
        JUNIOR_HIGH,
        /** 高等学校, years 1–4. */
        HIGH
    }

    /**
     * A Japanese grade: {@code P5} is 小学5年, {@code Grade(ELEMENTARY, 5)}.
     *
     * @param stage the school stage
     * @param year  the year within it, from 1
     */
    public record Grade(Stage stage, int year) {
    }

    /** Whether a grade code is one a set may use. */
    public static boolean valid(String code) {
        return grade(code).isPresent() || CEDS.contains(code) || code.startsWith("ext:") && code.length() > 4;
    }

    /** The Japanese grade of a Japan Profile code ({@code J2}); empty for other codes. */
    public static Optional<Grade> grade(String code) {
        Matcher m = JAPAN.matcher(code == null ? "" : code);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(2));
        return switch (m.group(1)) {
            case "P" -> Optional.of(new Grade(Stage.ELEMENTARY, year));
            case "J" -> year <= 3 ? Optional.of(new Grade(Stage.JUNIOR_HIGH, year)) : Optional.empty();
            default -> year <= 4 ? Optional.of(new Grade(Stage.HIGH, year)) : Optional.empty();
        };
    }

    /**
     * The grade of a class: the one Japanese grade all its codes name; empty when it has none, or several (a mixed
     * class, 複式学級).
     */
    public static Optional<Grade> gradeOf(RosterClass c) {
        List<Grade> grades = c.grades().stream().map(RosterGrades::grade).flatMap(Optional::stream).distinct()
                .toList();
        return grades.size() == 1 ? Optional.of(grades.get(0)) : Optional.empty();
    }

    /**
     * The class's name within its grade: {@code 1} for 5年1組, {@code A} for 1年Ａ組 (full-width letters and digits made
     * half-width); any other title as it is (ひまわり学級).
     */
    public static String classLabel(String title) {
        if (title == null) {
            return null;
        }
        Matcher m = CLASS_IN_TITLE.matcher(title);
        return m.find() ? Normalizer.normalize(m.group(1), Normalizer.Form.NFKC) : title;
    }
}
