package org.gigaplan.plan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleTableTest {

    @Test
    void alignsJapaneseByDisplayWidth() {
        ConsoleTable table = new ConsoleTable().column("ID").column("Name").rightColumn("Enrollment");
        table.row("S-J01", "【サンプル】青葉台中学校", 118);
        table.row("X", "Aoba", 1045);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "ID    | Name                     | Enrollment",
                "------+--------------------------+-----------",
                "S-J01 | 【サンプル】青葉台中学校 |        118",
                "X     | Aoba                     |       1045"), lines);
        // Every line is as wide on screen as the header.
        lines.forEach(l -> assertEquals(ConsoleTable.width(lines.get(0)), ConsoleTable.width(l)));
    }

    @Test
    void cutsByDisplayWidth() {
        assertEquals("青葉…", ConsoleTable.cut("青葉台中学校", 6));
        assertEquals("Aoba", ConsoleTable.cut("Aoba", 6));
        assertEquals("Aoba …", ConsoleTable.cut("Aoba High School", 6));
    }

    @Test
    void saysSoWhenEmpty() {
        ConsoleTable table = new ConsoleTable().column("Module").emptyText("(none installed)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(List.of("Module", "------", "(none installed)"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
