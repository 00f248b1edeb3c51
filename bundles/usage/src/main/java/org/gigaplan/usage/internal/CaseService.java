package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.usage.internal.store.CaseStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Lesson cases (policy 1): published by the board, searched by scene and subject, adopted by schools. */
@Component(service = CaseService.class)
public class CaseService {

    private final UsageService usage;
    private final CaseStore cases;

    @Activate
    public CaseService(@Reference UsageService usage) {
        this.usage = usage;
        this.cases = usage.caseStore();
    }

    public record CaseInput(LocalizedText title, LocalizedText summary, List<Integer> scenes, String learningType,
            String subject, Integer grade, String schoolType, Boolean supportSoftware) {
    }

    public CaseStore.Draft validCase(CaseInput in) {
        if (in == null) {
            throw new InvalidInputException("body", "give title, summary, scenes, learningType and subject",
                    "題名・概要・場面・学びの形・教科を入力してください");
        }
        FieldChecks check = new FieldChecks();
        check.localized(in.title(), 200, "title");
        check.localized(in.summary(), 4000, "summary");
        List<Integer> valid = usage.scenes(FiscalYear.containing(usage.calendar().today()));
        if (in.scenes() == null || in.scenes().isEmpty()) {
            check.add("scenes", "give the scenes the case shows, e.g. [1, 4]", "事例の場面を選んでください");
        } else {
            for (int i = 0; i < in.scenes().size(); i++) {
                usage.checks().scene(in.scenes().get(i), valid, "scenes[" + i + "]", check);
            }
            if (new HashSet<>(in.scenes()).size() != in.scenes().size()) {
                check.add("scenes", "lists a scene twice", "同じ場面が2回あります");
            }
        }
        LearningType type = null;
        if (in.learningType() == null) {
            check.add("learningType", "required: INDIVIDUAL, COLLABORATIVE or BOTH",
                    "必須です（個別最適な学び・協働的な学び・両方のいずれか）");
        } else {
            type = LearningType.parse(in.learningType()).orElse(null);
            if (type == null) {
                check.add("learningType", "one of INDIVIDUAL (個別最適な学び), COLLABORATIVE (協働的な学び), "
                        + "BOTH, was \"" + in.learningType() + "\"");
            }
        }
        check.text(in.subject(), true, 50, "subject");
        check.range(in.grade(), 1, 12, "grade");
        SchoolType schoolType = null;
        if (in.schoolType() != null) {
            schoolType = SchoolType.parse(in.schoolType()).orElse(null);
            if (schoolType == null) {
                check.add("schoolType", "one of ELEMENTARY, JUNIOR_HIGH, SECONDARY, HIGH, SPECIAL_NEEDS, was \""
                        + in.schoolType() + "\"");
            }
        }
        check.throwIfAny();
        return new CaseStore.Draft(FieldChecks.trimmed(in.title()), FieldChecks.trimmed(in.summary()), in.scenes().stream().sorted().toList(), type,
                in.subject().trim(), in.grade(), schoolType, Boolean.TRUE.equals(in.supportSoftware()));
    }

    public LessonCase publishCase(CaseInput in, String by) {
        return publishCase(in, by, false, usage.clock().now());
    }

    /** The same, published at {@code at} and marked as demo data when {@code demo} (demo mode fills through here). */
    LessonCase publishCase(CaseInput in, String by, boolean demo, Instant at) {
        long id = cases.publish(validCase(in), by, demo, at);
        return cases.find(id).orElseThrow();
    }

    public Optional<LessonCase> updateCase(long id, CaseInput in) {
        CaseStore.Draft d = validCase(in);
        return cases.update(id, d) ? cases.find(id) : Optional.empty();
    }

    public boolean withdrawCase(long id) {
        return cases.withdraw(id);
    }

    public Optional<LessonCase> lessonCase(long id) {
        return cases.find(id);
    }

    public List<LessonCase> searchCases(LessonCase.Query q, int offset, int limit) {
        return cases.search(q, offset, limit);
    }

    public long countCases(LessonCase.Query q) {
        return cases.count(q);
    }

    public record AdoptionInput(String schoolId, LocalDate adoptedOn, String note) {
    }

    /** Records that a school used a case. */
    public LessonCase.Adoption adopt(LessonCase lessonCase, AdoptionInput in, String defaultSchool, String by) {
        return adopt(lessonCase, in, defaultSchool, by, false);
    }

    /** The same, marked as demo data when {@code demo}. */
    LessonCase.Adoption adopt(LessonCase lessonCase, AdoptionInput in, String defaultSchool, String by, boolean demo) {
        FieldChecks check = new FieldChecks();
        AdoptionInput input = in == null ? new AdoptionInput(null, null, null) : in;
        Optional<School> school = usage.checks().school(input.schoolId(), defaultSchool, "schoolId", check, null);
        LocalDate on = input.adoptedOn() == null ? usage.calendar().today() : input.adoptedOn();
        if (on.isAfter(usage.calendar().today())) {
            check.add("adoptedOn", "is in the future: " + on);
        }
        check.text(input.note(), false, 1000, "note");
        check.throwIfAny();
        long id = cases.adopt(lessonCase.id(), school.orElseThrow().id(), on,
                input.note() == null ? null : input.note().trim(), by, demo);
        return cases.adoption(id).orElseThrow();
    }

    public List<LessonCase.Adoption> adoptions(String schoolId, int offset, int limit) {
        return cases.adoptions(schoolId, offset, limit);
    }

    public Map<String, Long> adoptionsBySchool() {
        return cases.adoptionsBySchool();
    }
}
