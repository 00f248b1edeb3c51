package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

class ProblemLanguageTest {

    @Test
    void everyWordingOfTheSharedFieldChecksHasItsJapanese() {
        FieldChecks check = new FieldChecks();
        check.required(null, "a");
        check.text("x".repeat(11), true, 10, "b");
        check.text("a\u0007b", true, 10, "c");
        check.name("a\nb", true, 10, "d");
        check.range(40, 0, 35, "e");
        check.localized(null, 10, "f");
        for (FieldError e : check.errors()) {
            assertNotEquals(e.detail(), ProblemLanguage.text(e.detail()), () -> "no Japanese for \"" + e.detail() + "\"");
        }
        assertEquals("10文字以内にしてください（11文字でした）", ProblemLanguage.text("at most 10 characters, was 11"));
        assertEquals("0〜35の範囲にしてください（40でした）",
                ProblemLanguage.text("must be between 0 and 35 uses a week, was 40"));
    }

    @Test
    void anotherSchoolsRecordIsRefusedInJapaneseToo() {
        org.gigaplan.plan.security.Caller school = new org.gigaplan.plan.security.Caller("suzuki",
                org.gigaplan.plan.security.Role.SCHOOL, "S-E01");
        try {
            school.requireSchool("S-E02");
            throw new AssertionError("refused");
        } catch (org.gigaplan.plan.security.AccessDeniedException e) {
            assertEquals("他の学校の情報は扱えません", ProblemLanguage.text(e.getMessage()));
        }
        assertEquals("学校 S-E02 の情報は扱えません", ProblemLanguage.text("school S-E02 is not yours"));
    }

    @Test
    void aProblemKeepsItsFieldNamesAndStatusAndSaysTheRestInJapanese() {
        Problem english = Problem.invalid(List.of(new FieldError("[0].scenes[0].count", "must be between 0 and 35, was 40")));
        Problem japanese = ProblemLanguage.japanese(english);
        assertEquals("入力に誤りがあります", japanese.title());
        assertEquals(400, japanese.status());
        assertEquals("[0].scenes[0].count", japanese.field());
        assertEquals(List.of(new FieldError("[0].scenes[0].count", "0〜35の範囲にしてください（40でした）")), japanese.errors());
        assertEquals("[0].scenes[0].count: 0〜35の範囲にしてください（40でした）", japanese.detail());
        Problem unknown = ProblemLanguage.japanese(Problem.of(javax.ws.rs.core.Response.Status.NOT_FOUND,
                "a module's own words"));
        assertEquals("見つかりません", unknown.title());
        assertEquals("a module's own words", unknown.detail(), "kept when the wording is not the platform's");
    }

    @Test
    void aModulesOwnJapaneseIsAnsweredInJapaneseAndNeverAsAMember() throws Exception {
        FieldChecks check = new FieldChecks();
        check.add("[0].heldOn", "required: the day it was held", "必須です（開いた日）");
        Problem english = Problem.invalid(check.errors());
        Problem japanese = ProblemLanguage.japanese(english);
        assertEquals("必須です（開いた日）", japanese.errors().get(0).detail());
        assertEquals("[0].heldOn: 必須です（開いた日）", japanese.detail());
        String json = org.gigaplan.platform.internal.Json.mapper().writeValueAsString(english);
        assertEquals(false, json.contains("japanese") || json.contains("開いた日"), json);
        assertEquals(true, json.contains("\"detail\":\"required: the day it was held\""), json);
    }

    @Test
    void aConflictThePlatformWordsInJapaneseTooIsAnsweredInJapanese() throws Exception {
        Problem english = (Problem) new ProblemMappers.Conflict().toResponse(new ConflictException("replace",
                "this import would drop the action plan of FY2026", "2026年度の行動計画を削除します")).getEntity();
        assertEquals(409, english.status());
        assertEquals("this import would drop the action plan of FY2026", english.detail());
        Problem japanese = ProblemLanguage.japanese(english);
        assertEquals("登録済みのデータと競合します", japanese.title());
        assertEquals("replace", japanese.field());
        assertEquals("2026年度の行動計画を削除します", japanese.detail());
        assertEquals(List.of(new FieldError("replace", "2026年度の行動計画を削除します")), japanese.errors());
        String json = org.gigaplan.platform.internal.Json.mapper().writeValueAsString(english);
        assertEquals(false, json.contains("削除"), json);
    }

    @Test
    void aRefusalWordedInJapaneseTooIsAnsweredInJapanese() {
        org.gigaplan.plan.security.AccessDeniedException e = assertThrows(
                org.gigaplan.plan.security.AccessDeniedException.class, () -> new org.gigaplan.plan.security.Caller(
                        "teacher@S-E01/T01", org.gigaplan.plan.security.Role.TEACHER, "S-E01", "T01")
                        .requireTeacher("S-E01", "T02"));
        Problem english = Problem.forbidden(e.getMessage(), e.japanese());
        assertEquals(403, english.status());
        assertEquals("teacher T02 of S-E01 is not you", english.detail());
        Problem japanese = ProblemLanguage.japanese(english);
        assertEquals("この操作はできません", japanese.title());
        assertEquals("S-E01 の先生 T02 の記録は扱えません", japanese.detail());
    }
}
