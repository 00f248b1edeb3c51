package org.gigaplan.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.PlanVersion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The plan service with one plan in memory: by default the plan the platform ships (Sendai City's FY2023–2027 plan,
 * the same file), so a module's tests see the indicators, years and scene targets the distribution does.
 */
public final class FakePlans implements PlanService {

    /** Where the shipped plan is on the class path: the platform's own file, packed into the kit. */
    public static final String SHIPPED_PLAN = "plan/sendai-2023-2027.json";

    private final Plan plan;

    public FakePlans(Plan plan) {
        this.plan = plan;
    }

    /** The plan the platform ships. */
    public static FakePlans shipped() {
        try (InputStream in = FakePlans.class.getClassLoader().getResourceAsStream(SHIPPED_PLAN)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_PLAN + " is not on the class path");
            }
            return new FakePlans(new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, Plan.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Plan plan() {
        return plan;
    }

    /** Not in the fake: plan imports and edits are the platform's, tested there. */
    @Override
    public PlanVersion importPlan(InputStream json, String importedBy) {
        throw new UnsupportedOperationException("FakePlans holds one plan; construct another FakePlans instead");
    }

    @Override
    public List<PlanVersion> versions() {
        return List.of(new PlanVersion(1, plan.id(), plan.dataVersion(), PlanVersion.Kind.IMPORT, Instant.EPOCH, "system",
                "the plan under test", List.of(), plan.actionPlans().size(),
                plan.actionPlans().stream().mapToInt(a -> a.actionItems().size()).sum(), plan.indicators().size(), ""));
    }

    @Override
    public Optional<Plan> version(long version) {
        return version == 1 ? Optional.of(plan) : Optional.empty();
    }
}
