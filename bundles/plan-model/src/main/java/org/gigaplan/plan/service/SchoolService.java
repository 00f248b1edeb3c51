package org.gigaplan.plan.service;

import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.osgi.annotation.versioning.ProviderType;

/** The city's school directory. */
@ProviderType
public interface SchoolService {

    /** Schools ordered by id, optionally of one type. */
    List<School> list(SchoolType type, int offset, int limit);

    long count(SchoolType type);

    /** Every school, ordered by id. */
    default List<School> all() {
        return list(null, 0, Integer.MAX_VALUE);
    }

    Optional<School> find(String id);

    /**
     * Adds or updates schools from a CSV table (UTF-8 or CP932, see {@link CsvTable#read}) with the header
     * {@code id,name_ja,name_en,type,enrollment,classes}. All rows or none: one bad row refuses the file.
     *
     * @throws org.gigaplan.plan.rest.InvalidInputException naming the line and column at fault
     */
    SchoolImport importCsv(CsvTable csv, boolean sample);
}
