package org.gigaplan.plan.spi;

import java.util.List;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.osgi.annotation.versioning.ProviderType;

/** What a module gets when asked to fill synthetic demo data. */
@ProviderType
public interface DemoContext {

    /** The fiscal year to fill, from its first day up to today or its last day. */
    FiscalYear fiscalYear();

    /** Schools to fill data for (the sample directory on a fresh start). */
    List<School> schools();

    /** A seeded generator, so the same demo run gives the same data. */
    RandomGenerator random();

    /** Reports progress on long work, shown to the operator. */
    void progress(String message);
}
