package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

class SchoolCsvTest {

    private static final String HEADER = "id,name_ja,name_en,type,enrollment,classes\n";

    @Test
    void readsRowsInAnyColumnOrderWithABom() {
        List<School> schools = SchoolServiceImpl.parse(CsvTable.parse("\uFEFFname_ja,id,type,enrollment,classes,name_en\n"
                + "青葉小学校,E101,ELEMENTARY,420,14,Aoba Elementary\n"
                + "\"若林中学校, 本校\",J201,junior-high,380,11,\n"), false);
        assertEquals(2, schools.size());
        assertEquals("E101", schools.get(0).id());
        assertEquals(SchoolType.JUNIOR_HIGH, schools.get(1).type());
        assertEquals("若林中学校, 本校", schools.get(1).name().ja());
        assertEquals("若林中学校, 本校", schools.get(1).name().en(), "English name falls back to Japanese");
    }

    @Test
    void reportsEveryBadCellByLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SchoolServiceImpl.parse(CsvTable.parse(HEADER + "E1,一,One,ELEMENTARY,100,4\nE 2,,Two,COLLEGE,x,-1\nE1,三,Three,HIGH,1,1\n"),
                false));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("line 3.id", "line 3.name_ja", "line 3.type", "line 3.enrollment", "line 3.classes",
                "line 4.id"), fields);
    }

    @Test
    void refusesAFileWithoutTheColumns() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SchoolServiceImpl.parse(CsvTable.parse("code,name\nE1,一\n"), false));
        assertEquals("header", e.errors().get(0).field());
        assertThrows(InvalidInputException.class, () -> SchoolServiceImpl.parse(CsvTable.parse(HEADER), false));
    }

    @Test
    void aDirectoryFromJapaneseExcelInCp932IsReadAsTheSameSchools() {
        String csv = HEADER + "E1,青葉小学校,Aoba Elementary,ELEMENTARY,420,14\n";
        List<School> fromCp932 = SchoolServiceImpl.parse(CsvTable.read(new java.io.ByteArrayInputStream(
                csv.getBytes(java.nio.charset.Charset.forName("windows-31j"))), null), false);
        assertEquals(SchoolServiceImpl.parse(CsvTable.parse(csv), false), fromCp932);
        assertEquals("青葉小学校", fromCp932.get(0).name().ja());
    }

    @Test
    void shippedSampleDirectoryIsValidAndMarkedSample() {
        List<School> schools = SchoolServiceImpl.parse(CsvTable.read(SchoolCsvTest.class.getClassLoader()
                .getResourceAsStream(SchoolServiceImpl.SAMPLE_DIRECTORY), "UTF-8"), true);
        assertEquals(11, schools.size());
        assertTrue(schools.stream().allMatch(s -> s.sample() && s.name().ja().startsWith("【サンプル】")));
        for (SchoolType type : SchoolType.values()) {
            assertTrue(schools.stream().anyMatch(s -> s.type() == type), "no sample " + type);
        }
    }
}
