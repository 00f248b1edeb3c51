package org.gigaplan.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.service.SchoolImport;
import org.gigaplan.plan.service.SchoolService;

/** The school directory in memory, listed by id as the platform lists it; empty, or {@link #sample()}. */
public final class FakeSchools implements SchoolService {

    /** The platform's sample directory on the class path. */
    public static final String SAMPLE_DIRECTORY = "schools/sample-schools.csv";

    private final Map<String, School> schools = new ConcurrentSkipListMap<>();

    public FakeSchools(School... schools) {
        add(schools);
    }

    /**
     * The sample directory a fresh distribution starts with (the platform's own file, packed into the kit): the
     * schools a module's demo data fills.
     */
    public static FakeSchools sample() {
        FakeSchools sample = new FakeSchools();
        try (InputStream in = FakeSchools.class.getClassLoader().getResourceAsStream(SAMPLE_DIRECTORY)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_DIRECTORY + " is not on the class path");
            }
            for (CsvTable.Row row : CsvTable.read(in, "UTF-8").rows()) {
                sample.add(new School(row.get("id"), LocalizedText.of(row.get("name_ja"), row.get("name_en")),
                        SchoolType.valueOf(row.get("type")), Integer.parseInt(row.get("enrollment")),
                        Integer.parseInt(row.get("classes")), true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sample;
    }

    /** A school of the directory (not sample data), named in Japanese and English. */
    public static School school(String id, String nameJa, String nameEn, SchoolType type, int enrollment, int classes) {
        return new School(id, LocalizedText.of(nameJa, nameEn), type, enrollment, classes, false);
    }

    /** Adds schools, each replacing the one with its id. */
    public FakeSchools add(School... schools) {
        for (School s : schools) {
            this.schools.put(s.id(), s);
        }
        return this;
    }

    @Override
    public List<School> list(SchoolType type, int offset, int limit) {
        return schools.values().stream().filter(s -> type == null || s.type() == type)
                .sorted(Comparator.comparing(School::id)).skip(offset).limit(limit).toList();
    }

    @Override
    public long count(SchoolType type) {
        return schools.values().stream().filter(s -> type == null || s.type() == type).count();
    }

    @Override
    public Optional<School> find(String id) {
        return Optional.ofNullable(id == null ? null : schools.get(id));
    }

    /** Not in the fake: a module's tests add schools with {@link #add}; the platform's own tests cover the import. */
    @Override
    public SchoolImport importCsv(CsvTable csv, boolean sample) {
        throw new UnsupportedOperationException("FakeSchools takes schools through add(School)");
    }
}
