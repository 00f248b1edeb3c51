package org.gigaplan.training.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.training.internal.CourseService;
import org.gigaplan.training.internal.GenAi;
import org.gigaplan.training.internal.Rates;
import org.gigaplan.training.internal.TrainingService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The board's views: the city's checklist rates or every school's (fewer than five teachers suppressed), and the
 * city's generative-AI use ({@code /api/training/rates/genai}).
 */
@Component(service = RatesResource.class)
@GigaPlanResource(name = "training.rates")
@Path("training/rates")
@Produces(MediaType.APPLICATION_JSON)
public class RatesResource {

    private final TrainingService training;
    private final CourseService courses;

    @Activate
    public RatesResource(@Reference TrainingService training, @Reference CourseService courses) {
        this.training = training;
        this.courses = courses;
    }

    @GET
    public Rates city(@QueryParam("fiscalYear") Integer fiscalYear) {
        return training.rates(fiscalYear(fiscalYear), null, true);
    }

    @GET
    @Path("by-school")
    public List<Rates> bySchool(@QueryParam("fiscalYear") Integer fiscalYear) {
        return training.ratesBySchool(fiscalYear(fiscalYear));
    }

    /** The city's generative-AI use and generative-AI training attendance. */
    @GET
    @Path("genai")
    public GenAi.Use genAi(@QueryParam("fiscalYear") Integer fiscalYear) {
        return courses.genAiUse(fiscalYear(fiscalYear), null, true);
    }

    private FiscalYear fiscalYear(Integer year) {
        return training.fiscalYear(year, "fiscalYear");
    }
}
