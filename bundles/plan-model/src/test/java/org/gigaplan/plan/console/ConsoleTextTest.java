package org.gigaplan.plan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commands' language: the option when given, else the deployment's, else the JVM's. */
class ConsoleTextTest {

    private final String before = System.getProperty(ConsoleText.LANGUAGE);
    private final Locale jvm = Locale.getDefault();

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ConsoleText.LANGUAGE);
        } else {
            System.setProperty(ConsoleText.LANGUAGE, before);
        }
        Locale.setDefault(jvm);
    }

    @Test
    void anOptionsDateIsIsoOrAsJapaneseSpreadsheetsWriteItAndAnythingElseNamesTheOption() {
        assertEquals(java.time.LocalDate.of(2026, 11, 30), ConsoleText.date("--week", "2026-11-30"));
        assertEquals(java.time.LocalDate.of(2026, 1, 5), ConsoleText.date("--week", "2026/1/5"));
        assertEquals(null, ConsoleText.date("--week", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleText.date("--week", "tomorrow"));
        assertEquals("--week: a date as 2025-06-02 or 2025/6/2, was \"tomorrow\" / --week は 2025-06-02 か 2025/6/2 の形の"
                + "日付にしてください", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConsoleText.date("--date", "2026-02-30"));
    }

    @Test
    void theDeploymentsLanguageIsTheDefaultAndTheOptionWins() {
        Locale.setDefault(Locale.ENGLISH);
        System.setProperty(ConsoleText.LANGUAGE, "ja");
        assertEquals("ja", ConsoleText.locale(null).getLanguage());
        assertEquals("学校", ConsoleText.in(ConsoleText.locale(""), "学校", "School"));
        assertEquals("School", ConsoleText.in(ConsoleText.locale("en"), "学校", "School"));
        System.setProperty(ConsoleText.LANGUAGE, "en");
        assertEquals("en", ConsoleText.locale(null).getLanguage());
    }

    @Test
    void withoutADeploymentLanguageTheJvmsAndNothingElse() {
        System.clearProperty(ConsoleText.LANGUAGE);
        Locale.setDefault(Locale.JAPAN);
        assertEquals("ja", ConsoleText.locale(null).getLanguage());
        Locale.setDefault(Locale.GERMANY);
        assertEquals("en", ConsoleText.locale(null).getLanguage());
        assertThrows(IllegalArgumentException.class, () -> ConsoleText.locale("fr"));
    }
}
