package org.gigaplan.plan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Enum values as schools type them: the code in any case and with - for _, or the Japanese label. */
class EnumTextTest {

    @Test
    void aLabelledEnumIsReadFromItsCodeOrItsJapaneseLabel() {
        assertEquals(Optional.of(SchoolType.JUNIOR_HIGH), SchoolType.parse(" junior-high "));
        assertEquals(Optional.of(SchoolType.JUNIOR_HIGH), SchoolType.parse("中学校"));
        assertEquals(Optional.of(UseFrequency.WEEKLY), UseFrequency.parse("週1回以上"));
        assertEquals(Optional.of(Actor.BOARD), EnumText.parse(Actor.values(), "教育委員会"));
        assertTrue(UseFrequency.parse("").isEmpty());
        assertTrue(UseFrequency.parse(null).isEmpty());
        assertTrue(UseFrequency.parse("Almost every day").isEmpty(), "the English label is not a code");
    }
}
