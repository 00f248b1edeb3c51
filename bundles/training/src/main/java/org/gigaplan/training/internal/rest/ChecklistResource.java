package org.gigaplan.training.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Role;
import org.gigaplan.training.internal.Checklist;
import org.gigaplan.training.internal.TrainingService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The MEXT checklist the self-assessments answer: categories, items, Japanese and English. */
@Component(service = ChecklistResource.class)
@GigaPlanResource(name = "training.checklist")
@Path("training/checklist")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
public class ChecklistResource {

    private final TrainingService training;

    @Activate
    public ChecklistResource(@Reference TrainingService training) {
        this.training = training;
    }

    @GET
    public Checklist checklist() {
        return training.checklist();
    }
}
