package org.gigaplan.platform.internal.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.platform.internal.store.EvaluationStore;
import org.gigaplan.platform.internal.store.EvaluationStore.StoredEvaluation;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The board's evaluation of each basic policy of a fiscal year, in its own words: what went well, what did not and
 * what comes next. Printed on the policy's page of the year's report and published to families beside the figures.
 */
@Component(service = Evaluations.class)
public class Evaluations {

    /** Longest evaluation of one policy, in characters (about a page of the report). */
    public static final int MAX_LENGTH = 2000;

    /** One policy's evaluation as answered. */
    public record Evaluation(int policy, String text, Instant updatedAt) {
    }

    private final PlatformDatabase database;
    private final PlanClock clock;
    private final EvaluationStore store = new EvaluationStore();

    @Activate
    public Evaluations(@Reference PlatformDatabase database, @Reference PlanClock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The year's evaluations in policy order (policies without one are absent). */
    public List<Evaluation> list(int fiscalYear) {
        return database.transaction(c -> store.list(c, fiscalYear)).stream().map(Evaluations::answer).toList();
    }

    /** The year's evaluations by policy number. */
    public Map<Integer, Evaluation> of(int fiscalYear) {
        return list(fiscalYear).stream().collect(Collectors.toMap(Evaluation::policy, Function.identity()));
    }

    /**
     * Sets a policy's evaluation for the year of {@code actionPlan}; an empty text removes it.
     *
     * @return the evaluation kept, or null when it was removed
     */
    public Evaluation put(ActionPlan actionPlan, int policy, String text, String by) {
        if (actionPlan.policies().stream().noneMatch(p -> p.number() == policy)) {
            throw new InvalidInputException("policy", "no basic policy " + policy + " in the action plan of "
                    + actionPlan.fiscalYear());
        }
        FieldChecks check = new FieldChecks();
        check.text(text, false, MAX_LENGTH, "text");
        check.throwIfAny();
        String body = text == null ? "" : text.strip();
        int year = actionPlan.fiscalYear();
        if (body.isEmpty()) {
            database.transaction(c -> store.delete(c, year, policy));
            return null;
        }
        StoredEvaluation kept = new StoredEvaluation(year, policy, body, by, clock.now());
        database.transactionRetrying(c -> {
            store.put(c, kept);
            return null;
        });
        return answer(kept);
    }

    private static Evaluation answer(StoredEvaluation e) {
        return new Evaluation(e.policy(), e.text(), e.updatedAt());
    }
}
