package org.gigaplan.usage.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * A teacher's weekly check-in for one class: how often the class used its 1:1 devices in each scene that week,
 * as a count or as an answer on the national questionnaire's scale.
 *
 * @param schoolId  the class's school; a school's own users and agents may leave it out
 * @param grade     grade (学年), 1-based within the school
 * @param className the class within its grade ("1", "A", "ひまわり")
 * @param week      the week's Monday
 * @param scenes    one entry per scene reported
 */
public record CheckIn(String schoolId, Integer grade, String className, LocalDate week, List<SceneUse> scenes) {

    /** Uses in one scene: either {@code count} or {@code answer}, not both. */
    public record SceneUse(Integer scene, Integer count, String answer) {
    }
}
