package org.gigaplan.tests.osgi;

import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.plan.spi.Scope;

/** A policy module of the test bundle, computing nothing: the id its test resources' paths start with. */
record TestModule(String id) implements PolicyModule {

    @Override
    public int basicPolicy() {
        return 1;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of(id, id);
    }

    @Override
    public Set<String> indicatorIds() {
        return Set.of();
    }

    @Override
    public Optional<IndicatorValue> value(String indicatorId, Scope scope, FiscalYear fiscalYear) {
        return Optional.empty();
    }
}
