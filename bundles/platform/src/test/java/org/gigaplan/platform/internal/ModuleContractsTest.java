package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import javax.ws.rs.Path;

import org.junit.jupiter.api.Test;

class ModuleContractsTest {

    @Path("usage/check-ins")
    static class UnderItsId {
    }

    @Path("/usage")
    static class AtItsIdWithASlash {
    }

    @Path("checkins")
    static class Elsewhere {
    }

    @Path("usage-extra/things")
    static class APrefixIsNotTheSegment {
    }

    static class NoPath {
    }

    @Test
    void aResourceUnderTheModulesIdKeepsTheContract() {
        assertEquals(Optional.empty(), ModuleContracts.pathProblem("usage", UnderItsId.class));
        assertEquals(Optional.empty(), ModuleContracts.pathProblem("usage", AtItsIdWithASlash.class));
        assertEquals(Optional.empty(), ModuleContracts.pathProblem("usage", NoPath.class));
    }

    @Test
    void aResourceElsewhereIsNamedWithThePathItNeeds() {
        String problem = ModuleContracts.pathProblem("usage", Elsewhere.class).orElseThrow();
        assertTrue(problem.contains(Elsewhere.class.getName() + " is at /api/checkins"), problem);
        assertTrue(problem.contains("must be under /api/usage/"), problem);
        assertTrue(ModuleContracts.pathProblem("usage", APrefixIsNotTheSegment.class).isPresent());
    }

    @Test
    void outsideAFrameworkEveryModuleIsAdmitted() {
        ModuleContracts contracts = new ModuleContracts();
        assertTrue(contracts.admit(null, "usage"));
        assertEquals(Optional.empty(), contracts.refusal(UnderItsId.class));
    }
}
