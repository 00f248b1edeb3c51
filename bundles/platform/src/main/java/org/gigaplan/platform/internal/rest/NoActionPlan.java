package org.gigaplan.platform.internal.rest;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * The 404 for a fiscal year the plan has no action plan for, as {@code application/problem+json} with what a reader
 * and the dashboard need: the message in Japanese and English, and the year the board can roll forward from.
 *
 * @param message      what happened and what to do, ja and en
 * @param fiscalYear   the year asked for
 * @param rollOverFrom the latest earlier year with an action plan (null when none): the board creates the year asked
 *                     for from it ({@code POST /api/plan/action-plans}); null too when the year lies outside the plan
 *                     period, or its action plan is a draft the caller may not see yet
 * @param firstYear    the plan period's first year
 * @param lastYear     the plan period's last year
 */
public record NoActionPlan(String type, String title, int status, String detail, String field,
        List<FieldError> errors, LocalizedText message, int fiscalYear, LocalizedText fiscalYearLabel,
        Integer rollOverFrom, LocalizedText rollOverFromLabel, int firstYear, int lastYear) {

    public static final String TYPE = "urn:gigaplan:problem:no-action-plan";

    static NoActionPlan of(Plan plan, FiscalYear fy, String field) {
        Optional<FiscalYear> from = plan.actionPlans().stream().map(ActionPlan::year)
                .filter(y -> y.compareTo(fy) < 0).max(Comparator.naturalOrder());
        LocalizedText message;
        boolean draft = plan.actionPlan(fy.year()).isPresent();
        if (draft) {
            message = LocalizedText.of(fy.japaneseLabel() + "（" + fy + "）の行動計画は教育委員会が作成中で、まだ公開されていません。",
                    "The board is drafting the action plan for " + fy + " (" + fy.japaneseLabel()
                            + "); it is not published yet.");
        } else if (!plan.covers(fy)) {
            message = LocalizedText.of(fy.japaneseLabel() + "（" + fy + "）は計画期間（" + FiscalYear.of(plan.firstYear())
                    .japaneseLabel() + "～" + FiscalYear.of(plan.lastYear()).japaneseLabel() + "）の外です。",
                    fy + " (" + fy.japaneseLabel() + ") lies outside the plan period FY" + plan.firstYear() + "–FY"
                            + plan.lastYear() + ".");
        } else if (from.isPresent()) {
            message = LocalizedText.of(fy.japaneseLabel() + "（" + fy + "）の行動計画はまだありません。教育委員会が"
                    + from.get().japaneseLabel() + "の行動計画から繰り越して作成できます。",
                    "There is no action plan for " + fy + " (" + fy.japaneseLabel() + ") yet. The board can create it by "
                            + "rolling " + from.get() + "'s action plan forward.");
        } else {
            message = LocalizedText.of(fy.japaneseLabel() + "（" + fy + "）の行動計画はまだありません。",
                    "There is no action plan for " + fy + " (" + fy.japaneseLabel() + ") yet.");
        }
        Optional<FiscalYear> rollOver = plan.covers(fy) && !draft ? from : Optional.empty();
        String detail = message.en() + " The plan has published action plans for " + plan.actionPlans().stream()
                .filter(ActionPlan::published).map(a -> "FY" + a.fiscalYear()).toList() + ".";
        return new NoActionPlan(TYPE, "Not Found", 404, detail, field, List.of(new FieldError(field, detail)), message,
                fy.year(), fy.label(), rollOver.map(FiscalYear::year).orElse(null),
                rollOver.map(FiscalYear::label).orElse(null), plan.firstYear(), plan.lastYear());
    }

    WebApplicationException exception() {
        return new WebApplicationException(detail, Response.status(status).type(GigaPlanRest.PROBLEM_JSON).entity(this)
                .build());
    }
}
