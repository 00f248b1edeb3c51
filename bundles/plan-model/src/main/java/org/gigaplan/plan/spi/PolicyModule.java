package org.gigaplan.plan.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.LocalizedText;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service a policy module registers so the platform knows it: which basic policy it serves, which
 * indicators it computes, and their values. The platform picks modules up and drops them as they come and go.
 */
@ConsumerType
public interface PolicyModule {

    /** Short stable id, also the module's REST path segment: {@code usage} → {@code /api/usage}. */
    String id();

    /** The basic policy (1–4 in the Sendai plan) this module serves. */
    int basicPolicy();

    LocalizedText name();

    /** Ids of the plan indicators this module computes. */
    Set<String> indicatorIds();

    /**
     * The value of one of {@link #indicatorIds()} for the city or a school in a fiscal year; empty when
     * there is no data yet.
     */
    Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear);

    /**
     * The values of several of {@link #indicatorIds()} for one scope and fiscal year, as the roll-up asks for them: one
     * entry per id asked, empty when there is no data yet. By default each comes from {@link #value}; a module whose
     * indicators share one computation (rates of several categories from the same counts) answers them from it once.
     */
    default Map<String, Optional<IndicatorValue>> values(java.util.Collection<String> indicatorIds, Scope scope,
            FiscalYear fiscalYear) {
        Map<String, Optional<IndicatorValue>> out = new java.util.LinkedHashMap<>();
        for (String id : indicatorIds) {
            out.put(id, value(id, scope, fiscalYear));
        }
        return out;
    }

    /**
     * The definitions this module proposes for the plan's indicators it computes: what each counts, its unit, subject,
     * direction, policy, and, if the module knows them, a baseline and staged targets. The plan stays the board's: the
     * plan editor lists the proposals of installed modules the plan does not hold yet, and the board adds one as it
     * is or changes it first. An id must start with this module's id and a dot, and {@code module} must be this
     * module's id; others are not offered. A module whose indicators the shipped plan holds leaves this as it is.
     */
    default List<Indicator> proposedIndicators() {
        return List.of();
    }

    default Health health() {
        return Health.up();
    }

    /** Where the dashboard finds module pages: {@code /dashboard/modules/<module id>/…}. */
    String DASHBOARD_PAGES = "/dashboard/modules/";

    /**
     * The module's dashboard page, if it has one: the address of an ES module its own bundle serves under
     * {@link #DASHBOARD_PAGES}{@code <id>/}, e.g. {@code /dashboard/modules/usage/page.js}. The dashboard imports it
     * while the module is installed (and on for the caller's school), and it adds the module's views, navigation and
     * sections of the shared views (city, school, public, recording, families); see the dashboard's
     * {@code core/kit.js}. A page elsewhere is not offered (logged once).
     */
    default Optional<String> dashboardPage() {
        return Optional.empty();
    }

    /**
     * Fills realistic synthetic data for a fiscal year, marked as demo data wherever it is stored. Called
     * by the platform in demo mode; a module without demo data leaves this as it is.
     */
    default void fillDemoData(DemoContext context) {
    }

    /**
     * How many of this module's records name a teacher of a school: shown to the board before it removes a teacher
     * a school listed by mistake. A module whose records name no teachers leaves this as it is.
     */
    default int teacherRecords(String schoolId, String teacherCode) {
        return 0;
    }

    /**
     * Removes every record of this module that names a teacher of a school, when the board removes the teacher. Runs
     * inside the board's request, in one transaction with the other modules' removals: use the {@code Database}
     * service as always.
     *
     * @return how many records were removed
     */
    default int removeTeacher(String schoolId, String teacherCode) {
        return 0;
    }

    /**
     * Every teacher this module's records name, school id → codes. The platform puts those not on their school's
     * list yet on it when the module starts, so records made before the lists existed keep their teachers.
     */
    default Map<String, Set<String>> teachersNamed() {
        return Map.of();
    }
}
