package org.gigaplan.platform.internal.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.gigaplan.platform.internal.roster.RosterGrades.Grade;
import org.gigaplan.platform.internal.roster.RosterGrades.Stage;
import org.junit.jupiter.api.Test;

class RosterGradesTest {

    @Test
    void japanProfileCodesAreJapaneseGrades() {
        assertEquals(Optional.of(new Grade(Stage.ELEMENTARY, 1)), RosterGrades.grade("P1"));
        assertEquals(Optional.of(new Grade(Stage.ELEMENTARY, 6)), RosterGrades.grade("P6"));
        assertEquals(Optional.of(new Grade(Stage.JUNIOR_HIGH, 3)), RosterGrades.grade("J3"));
        assertEquals(Optional.of(new Grade(Stage.HIGH, 4)), RosterGrades.grade("H4"), "定時制 has a 4th year");
        for (String notJapanese : List.of("J4", "H5", "P7", "P0", "05", "KG", "p5", "")) {
            assertEquals(Optional.empty(), RosterGrades.grade(notJapanese), notJapanese);
        }
    }

    @Test
    void cedsAndExtensionCodesAreValidToo() {
        for (String code : List.of("P1", "J2", "H3", "PK", "KG", "01", "13", "Other", "ext:特支")) {
            assertTrue(RosterGrades.valid(code), code);
        }
        for (String code : List.of("P7", "J4", "14", "5年", "ext:", "kg")) {
            assertFalse(RosterGrades.valid(code), code);
        }
    }

    @Test
    void theClassLabelIsWhatStandsBetween年And組() {
        assertEquals("1", RosterGrades.classLabel("5年1組"));
        assertEquals("2", RosterGrades.classLabel("第6学年 2組"));
        assertEquals("A", RosterGrades.classLabel("1年Ａ組"), "full-width made half-width");
        assertEquals("12", RosterGrades.classLabel("3年１２組"));
        assertEquals("ひまわり学級", RosterGrades.classLabel("ひまわり学級"));
        assertEquals("5-1", RosterGrades.classLabel("5-1"));
    }
}
