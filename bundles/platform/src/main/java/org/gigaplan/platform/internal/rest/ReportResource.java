package org.gigaplan.platform.internal.rest;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.platform.internal.ProgressConfig;
import org.gigaplan.platform.internal.report.Evaluations;
import org.gigaplan.platform.internal.report.Evaluations.Evaluation;
import org.gigaplan.platform.internal.report.ReportCsv;
import org.gigaplan.platform.internal.report.ReportFont;
import org.gigaplan.platform.internal.report.ReportPdf;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The fiscal year's report as files (a PDF to file and publish, a CSV for spreadsheets) and the board's evaluation
 * of each basic policy that the PDF and the families' page print. The city's report is public, a school's is for
 * the board and that school, as the progress roll-up they are made from.
 */
@Component(service = ReportResource.class, configurationPid = { ProgressConfig.PID, ApiConfig.PID })
@GigaPlanResource(name = "gigaplan.report")
@Path("report")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    /** A policy's evaluation as written: an empty text removes it. */
    public record EvaluationInput(String text) {
    }

    private final PlanService plans;
    private final SchoolService schools;
    private final ProgressService progress;
    private final PlanClock clock;
    private final Evaluations evaluations;
    private final AuditLog audit;
    private final ProgressConfig progressConfig;
    private final String language;

    @Activate
    public ReportResource(@Reference PlanService plans, @Reference SchoolService schools,
            @Reference ProgressService progress, @Reference PlanClock clock, @Reference Evaluations evaluations,
            @Reference AuditLog audit, ProgressConfig progressConfig, ApiConfig apiConfig) {
        this.plans = plans;
        this.schools = schools;
        this.progress = progress;
        this.clock = clock;
        this.evaluations = evaluations;
        this.audit = audit;
        this.progressConfig = progressConfig;
        this.language = ProblemLanguage.deploymentLanguage(apiConfig.language());
    }

    /** The board's evaluation of each basic policy of a fiscal year (today's by default); public, as published. */
    @GET
    @Path("evaluations")
    @Public
    public List<Evaluation> evaluations(@QueryParam("fiscalYear") String fiscalYear,
            @Context SecurityContext security) {
        return evaluations.list(actionPlan(fiscalYear, security).fiscalYear());
    }

    /** Sets the board's evaluation of one basic policy for a fiscal year: {@code {"text": "…"}}; empty removes it. */
    @PUT
    @Path("evaluations/{policy}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response evaluate(@PathParam("policy") int policy, @QueryParam("fiscalYear") String fiscalYear,
            EvaluationInput input, @Context SecurityContext security) {
        if (input == null) {
            throw new InvalidInputException("text", "give the evaluation as {\"text\": \"…\"}");
        }
        ActionPlan actionPlan = actionPlan(fiscalYear, security);
        String by = Caller.of(security).map(Caller::name).orElseThrow();
        Evaluation kept = evaluations.put(actionPlan, policy, input.text(), by);
        audit.describe("evaluation of basic policy " + policy + " for FY" + actionPlan.fiscalYear()
                + (kept == null ? " removed" : " set (" + kept.text().length() + " characters)"));
        return kept == null ? Response.noContent().build() : Response.ok(kept).build();
    }

    /**
     * The year's report as a PDF (one page or more per basic policy, the board's evaluations, charts), in the
     * language asked ({@code lang} ja or en; else the caller's, else the deployment's). 503 when the server has no
     * Japanese font to set it in.
     */
    @GET
    @Path("pdf")
    @Produces({ "application/pdf", GigaPlanRest.PROBLEM_JSON })
    @Public
    public Response pdf(@QueryParam("fiscalYear") String fiscalYear, @QueryParam("school") String school,
            @QueryParam("lang") String lang, @Context HttpHeaders headers, @Context SecurityContext security) {
        boolean japanese = japanese(lang, headers);
        java.nio.file.Path font = ReportFont.find(progressConfig.reportFont())
                .orElseThrow(() -> new WebApplicationException(ReportFont.MISSING,
                        Problem.of(Response.Status.SERVICE_UNAVAILABLE, ReportFont.MISSING).toResponse()));
        ProgressReport report = report(fiscalYear, school, security);
        String scope = school == null ? null
                : schools.find(school).map(s -> (japanese ? s.name().ja() : s.name().en())).orElse(school);
        byte[] pdf = ReportPdf.render(new ReportPdf.Content(report, plans.plan().title(), scope,
                evaluations.of(report.fiscalYear()), progressConfig.minCoveragePercent(), clock.zone()),
                japanese, font);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(report, school, "pdf") + "\"")
                .build();
    }

    /**
     * The year's indicators as CSV: one row per indicator, one value per cell, status as its code and as a word
     * (ja or en as {@link #pdf}), formula-safe.
     */
    @GET
    @Path("csv")
    @Produces({ "text/csv", GigaPlanRest.PROBLEM_JSON })
    @Public
    public Response csv(@QueryParam("fiscalYear") String fiscalYear, @QueryParam("school") String school,
            @QueryParam("lang") String lang, @Context HttpHeaders headers, @Context SecurityContext security) {
        boolean japanese = japanese(lang, headers);
        ProgressReport report = report(fiscalYear, school, security);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ReportCsv.write(report, school, japanese, writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(report, school, "csv") + "\"")
                .build();
    }

    private ProgressReport report(String fiscalYear, String school, SecurityContext security) {
        return ProgressResource.readable(progress, schools, actionPlan(fiscalYear, security).year(), school, security);
    }

    private ActionPlan actionPlan(String fiscalYear, SecurityContext security) {
        return Params.actionPlan(plans.plan(), "fiscalYear", fiscalYear, clock, Params.board(security));
    }

    private boolean japanese(String lang, HttpHeaders headers) {
        if (lang != null && !lang.isBlank()) {
            if (!lang.equals("ja") && !lang.equals("en")) {
                throw new InvalidInputException("lang", "ja or en, was \"" + lang + "\"");
            }
            return lang.equals("ja");
        }
        return ProblemLanguage.japanese(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE),
                headers.getAcceptableLanguages(), language);
    }

    private static String fileName(ProgressReport report, String school, String extension) {
        return "gigaplan-report-" + report.fiscalYear() + (school == null ? "" : "-" + school) + "." + extension;
    }
}
