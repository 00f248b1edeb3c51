package org.gigaplan.plan.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

class FieldChecksTest {

    @Test
    void everyBadFieldIsNamedInOneAnswer() {
        FieldChecks check = new FieldChecks();
        assertTrue(check.text("理科", true, 50, "subject"));
        assertFalse(check.text(" ", true, 50, "title"));
        assertTrue(check.text(null, false, 50, "note"), "an optional text may be missing");
        assertFalse(check.text("あ".repeat(51), true, 50, "subject2"));
        assertFalse(check.text("Word\u000bから", true, 50, "pasted"));
        assertTrue(check.text("二行\nの説明\tと表", true, 50, "lines"), "line breaks and tabs are text");
        assertFalse(check.range(13, 1, 12, "grade"));
        assertTrue(check.range(null, 1, 12, "optional grade"));
        assertFalse(check.localized(LocalizedText.of(" ", "Title"), 200, "caseTitle"));
        assertFalse(check.required("", "schoolId"));
        check.addAll(List.of(new FieldError("line 2.scene1", "must be a number")));
        InvalidInputException e = assertThrows(InvalidInputException.class, check::throwIfAny);
        assertEquals(List.of(new FieldError("title", "required"),
                new FieldError("subject2", "at most 50 characters, was 51"),
                new FieldError("pasted", "contains control characters"),
                new FieldError("grade", "must be between 1 and 12, was 13"),
                new FieldError("caseTitle.ja", "required"),
                new FieldError("schoolId", "required"),
                new FieldError("line 2.scene1", "must be a number")), e.errors());
    }

    @Test
    void aNameIsOneLineOfVisibleCharacters() {
        FieldChecks check = new FieldChecks();
        assertTrue(check.name("ひまわり", true, 32, "a"));
        assertFalse(check.name("1\n2", true, 32, "b"));
        assertFalse(check.name("\u202e1", true, 32, "c"), "a right-to-left override");
        assertFalse(check.name("1\u200b", true, 32, "d"), "a zero-width space");
        assertEquals(List.of(new FieldError("b", "one line: no line breaks or tabs"),
                new FieldError("c", "no invisible formatting characters, found U+202E", "見えない書式文字は使えません（U+202E）"),
                new FieldError("d", "no invisible formatting characters, found U+200B", "見えない書式文字は使えません（U+200B）")),
                check.errors());
    }

    @Test
    void nothingWrongThrowsNothing() {
        FieldChecks check = new FieldChecks();
        check.text("ok", true, 10, "a");
        assertTrue(check.ok());
        check.throwIfAny();
        assertEquals(LocalizedText.of("題", "Title"), FieldChecks.trimmed(LocalizedText.of(" 題 ", "Title ")));
    }

    @Test
    void aBatchTooBigIsRefusedBeforeReadingIt() {
        FieldChecks.batchSize(10_000, 10_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FieldChecks.batchSize(10_001, 10_000));
        assertEquals("body", e.errors().get(0).field());
    }
}
