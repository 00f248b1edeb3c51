package org.gigaplan.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.SchoolImport;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.SchoolStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The school directory; a fresh database starts with the shipped sample directory. */
@Component(service = { SchoolService.class, SchoolServiceImpl.class })
public class SchoolServiceImpl implements SchoolService {

    public static final String SAMPLE_DIRECTORY = "schools/sample-schools.csv";
    static final List<String> HEADER = List.of("id", "name_ja", "name_en", "type", "enrollment", "classes");
    static final int MAX_ROWS = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Logger LOG = LoggerFactory.getLogger(SchoolServiceImpl.class);

    private final SchoolStore store;

    @Activate
    public SchoolServiceImpl(@Reference PlatformDatabase database) {
        this.store = database.schools();
        if (store.count(null) == 0) {
            try (InputStream in = SchoolServiceImpl.class.getClassLoader().getResourceAsStream(SAMPLE_DIRECTORY)) {
                SchoolImport result = importCsv(CsvTable.read(in, "UTF-8"), true);
                LOG.info("Fresh start: loaded {} SAMPLE schools (not real schools; import yours with school:import)",
                        result.total());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public List<School> list(SchoolType type, int offset, int limit) {
        return store.list(type, offset, limit);
    }

    @Override
    public long count(SchoolType type) {
        return store.count(type);
    }

    @Override
    public Optional<School> find(String id) {
        return store.find(id);
    }

    @Override
    public SchoolImport importCsv(CsvTable csv, boolean sample) {
        return importCsv(csv, sample, false);
    }

    /**
     * Like {@link #importCsv(CsvTable, boolean)}; a row changing a stored school's type is refused unless
     * {@code typeChanges}: the modules check a record's grade against its school's type (an elementary school's sixth
     * grade would become a junior high's), so the change is made knowingly.
     */
    public SchoolImport importCsv(CsvTable csv, boolean sample, boolean typeChanges) {
        List<School> schools = parse(csv, sample);
        if (!typeChanges) {
            FieldChecks check = new FieldChecks();
            for (int i = 0; i < schools.size(); i++) {
                School given = schools.get(i);
                Optional<School> stored = store.find(given.id());
                if (stored.isPresent() && stored.get().type() != given.type()) {
                    String from = stored.get().type().name();
                    String field = csv.rows().get(i).field("type");
                    check.add(field, "school " + given.id() + " is " + from + ": changing its type changes the grades"
                            + " its records may have; confirm with typeChange=true (school:import --type-change)", "学校 " + given.id() + " の種別は " + from + " です。種別を変えると記録の学年の"
                            + "扱いが変わります。変えるときは typeChange=true（school:import --type-change）で確認してください");
                }
            }
            check.throwIfAny();
        }
        return store.upsertAll(schools);
    }

    /** Reads and checks every row; one error anywhere refuses the whole file, listing every error found. */
    static List<School> parse(CsvTable csv, boolean sample) {
        if (!csv.header().containsAll(HEADER)) {
            throw new InvalidInputException("header", "expected columns " + String.join(",", HEADER)
                    + " but found " + String.join(",", csv.header()));
        }
        if (csv.rows().size() + csv.errors().size() > MAX_ROWS) {
            throw new InvalidInputException("body", "more than " + MAX_ROWS + " rows");
        }
        List<School> schools = new ArrayList<>();
        FieldChecks check = new FieldChecks().addAll(csv.errors());
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : csv.rows()) {
            parseRow(row, sample, ids, check).ifPresent(schools::add);
        }
        check.throwIfAny();
        if (schools.isEmpty()) {
            throw new InvalidInputException("body", "no schools in the file");
        }
        return schools;
    }

    private static Optional<School> parseRow(CsvTable.Row row, boolean sample, Set<String> ids,
            FieldChecks check) {
        int before = check.errors().size();
        String id = row.get("id");
        if (!ID.matcher(id).matches()) {
            check.add(row.field("id"), "1–32 letters, digits, '-' or '_', was \"" + id + "\"");
        } else if (!ids.add(id)) {
            check.add(row.field("id"), "school " + id + " appears twice");
        }
        String nameJa = row.get("name_ja");
        if (nameJa.isEmpty() || nameJa.length() > 200) {
            check.add(row.field("name_ja"), "required, at most 200 characters");
        }
        String nameEn = row.get("name_en");
        if (nameEn.length() > 200) {
            check.add(row.field("name_en"), "at most 200 characters");
        }
        Optional<SchoolType> type = SchoolType.parse(row.get("type"));
        if (type.isEmpty()) {
            check.add(row.field("type"), "one of ELEMENTARY, JUNIOR_HIGH, SECONDARY, HIGH, SPECIAL_NEEDS");
        }
        int enrollment = count(row.get("enrollment"), row.field("enrollment"), check);
        int classes = count(row.get("classes"), row.field("classes"), check);
        if (check.errors().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new School(id, new LocalizedText(nameJa, nameEn), type.get(), enrollment, classes, sample));
    }

    private static int count(String text, String field, FieldChecks check) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= 100_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        check.add(field, "a whole number from 0 to 100000, was \"" + text + "\"");
        return 0;
    }
}
