package org.gigaplan.usage.internal;

import java.time.Instant;
import java.util.List;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.SchoolType;

/**
 * A practice case of 1:1 device use (授業事例) the board publishes, with how often schools adopted it.
 *
 * @param scenes          scene numbers (1–5) the case shows the device used in
 * @param grade           grade the case was taught in, or null for any
 * @param schoolType      kind of school, or null for any
 * @param supportSoftware whether it uses the classroom support software (授業支援ソフトウェア)
 * @param adoptions       "we used this case" records
 * @param adoptingSchools distinct schools among them
 */
public record LessonCase(long id, LocalizedText title, LocalizedText summary, List<Integer> scenes,
        LearningType learningType, String subject, Integer grade, SchoolType schoolType, boolean supportSoftware,
        Instant publishedAt, String publishedBy, long adoptions, long adoptingSchools, boolean demo) {

    public LessonCase {
        scenes = List.copyOf(scenes);
    }

    /** What a search asks for; each null criterion matches every case. */
    public record Query(String text, Integer scene, LearningType learningType, String subject, Integer grade,
            SchoolType schoolType, Boolean supportSoftware) {
    }

    /** A school's record of having used a case. */
    public record Adoption(long id, long caseId, String schoolId, java.time.LocalDate adoptedOn, String note,
            String recordedBy, Instant recordedAt) {
    }
}
