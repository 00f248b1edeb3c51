package org.gigaplan.platform.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.BasicPolicy;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Measure;
import org.gigaplan.plan.model.OutlookItem;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.model.PlanPeriod;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Reads plan data files and checks that they hold together before any of it is used. */
public final class PlanReader {

    /** Versions of the data format this platform reads. */
    public static final int FORMAT_VERSION = 1;

    /** The plan shipped with the platform. */
    public static final String SHIPPED_PLAN = "plan/sendai-2023-2027.json";

    private PlanReader() {
    }

    /**
     * The plan shipped in this bundle, read once: what its indicators are, the unit each comes in from the shipped
     * modules that compute them.
     */
    public static Plan shipped() {
        return Shipped.PLAN;
    }

    private static final class Shipped {
        static final Plan PLAN = load();

        private static Plan load() {
            try (java.io.InputStream in = PlanReader.class.getClassLoader().getResourceAsStream(SHIPPED_PLAN)) {
                if (in == null) {
                    throw new IllegalStateException(SHIPPED_PLAN + " is missing from the bundle");
                }
                return read(in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public static Plan read(byte[] json) {
        Plan plan;
        try {
            plan = Json.mapper().readValue(json, Plan.class);
        } catch (JsonProcessingException e) {
            throw Json.invalidInput(e);
        } catch (IOException e) {
            throw new InvalidInputException("body", "cannot read plan data: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            // A record refused a value: Jackson wraps most of these, this catches the rest.
            throw new InvalidInputException("body", e.getMessage());
        }
        if (plan == null) {
            throw new InvalidInputException("body", "a plan document, a JSON object such as the shipped "
                    + SHIPPED_PLAN + ", was null");
        }
        List<FieldError> errors = check(plan);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return plan;
    }

    static List<FieldError> check(Plan plan) {
        List<FieldError> errors = new ArrayList<>();
        if (plan.formatVersion() != FORMAT_VERSION) {
            errors.add(new FieldError("formatVersion", "this platform reads format " + FORMAT_VERSION + ", not "
                    + plan.formatVersion()));
        }
        if (plan.dataVersion() == null || plan.dataVersion().isBlank()) {
            errors.add(new FieldError("dataVersion", "required"));
        }
        if (plan.firstYear() > plan.lastYear()) {
            errors.add(new FieldError("lastYear", "must not be before firstYear"));
        }
        text(errors, "title", plan.title());
        int next = plan.firstYear();
        for (int p = plan.earlierPeriods().size() - 1; p >= 0; p--) {
            PlanPeriod period = plan.earlierPeriods().get(p);
            if (period.lastYear() != next - 1 || period.firstYear() > period.lastYear()) {
                errors.add(new FieldError("earlierPeriods[" + p + "]", "must run to FY" + (next - 1) + ", the year before "
                        + "the next period, oldest first; was FY" + period.firstYear() + "–FY" + period.lastYear()));
            }
            next = period.firstYear();
        }
        Set<String> indicatorIds = new HashSet<>();
        for (int i = 0; i < plan.indicators().size(); i++) {
            Indicator indicator = plan.indicators().get(i);
            String at = "indicators[" + i + "]";
            if (!indicatorIds.add(indicator.id())) {
                errors.add(new FieldError(at + ".id", "duplicate indicator id " + indicator.id()));
            }
            if (indicator.module() == null || indicator.module().isBlank()) {
                errors.add(new FieldError(at + ".module", "required"));
            }
            if (indicator.subject() == null) {
                errors.add(new FieldError(at + ".subject", "required"));
            }
            text(errors, at + ".name", indicator.name());
        }
        Set<Integer> years = new HashSet<>();
        Set<String> itemIds = new HashSet<>();
        for (int a = 0; a < plan.actionPlans().size(); a++) {
            ActionPlan actionPlan = plan.actionPlans().get(a);
            String at = "actionPlans[" + a + "]";
            if (actionPlan.fiscalYear() < plan.firstCoveredYear() || actionPlan.fiscalYear() > plan.lastYear()) {
                errors.add(new FieldError(at + ".fiscalYear", "must lie in the plan period " + plan.firstYear()
                        + "–" + plan.lastYear() + (plan.earlierPeriods().isEmpty() ? "" : " or an earlier one")));
            }
            if (!years.add(actionPlan.fiscalYear())) {
                errors.add(new FieldError(at + ".fiscalYear", "a second action plan for " + actionPlan.fiscalYear()));
            }
            Set<Integer> numbers = new HashSet<>();
            for (int p = 0; p < actionPlan.policies().size(); p++) {
                BasicPolicy policy = actionPlan.policies().get(p);
                String pat = at + ".policies[" + p + "]";
                if (!numbers.add(policy.number())) {
                    errors.add(new FieldError(pat + ".number", "duplicate basic policy " + policy.number()));
                }
                for (int m = 0; m < policy.measures().size(); m++) {
                    Measure measure = policy.measures().get(m);
                    for (int i = 0; i < measure.actionItems().size(); i++) {
                        ActionItem item = measure.actionItems().get(i);
                        String iat = pat + ".measures[" + m + "].actionItems[" + i + "]";
                        if (!itemIds.add(actionPlan.fiscalYear() + "/" + item.id())) {
                            errors.add(new FieldError(iat + ".id", "duplicate action item id " + item.id()));
                        }
                        for (String ref : item.indicatorIds()) {
                            if (!indicatorIds.contains(ref)) {
                                errors.add(new FieldError(iat + ".indicatorIds", "no indicator " + ref));
                            }
                        }
                    }
                }
            }
        }
        for (int o = 0; o < plan.outlook().size(); o++) {
            OutlookItem item = plan.outlook().get(o);
            if (item.toYear() < item.fromYear()) {
                errors.add(new FieldError("outlook[" + o + "].toYear", "must not be before fromYear"));
            }
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, LocalizedText text) {
        if (text == null || text.ja().isBlank()) {
            errors.add(new FieldError(field + ".ja", "required"));
        }
    }

    public static int countActionItems(Plan plan) {
        return plan.actionPlans().stream().mapToInt(a -> a.actionItems().size()).sum();
    }
}
