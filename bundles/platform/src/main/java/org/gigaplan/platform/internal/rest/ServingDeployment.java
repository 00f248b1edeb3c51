package org.gigaplan.platform.internal.rest;

import java.util.List;

import org.apache.cxf.jaxrs.JAXRSServiceImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * Which deployment of /api answers the call being served. The JAX-RS whiteboard (Aries 2.0.2) lists a resource in its
 * runtime view before it redeploys /api with it, and the redeployment answers 404 while it lasts: the runtime view
 * alone calls /api ready a moment early. A call is answered either by the deployment before the change or by the one
 * after it; the number of root resources of the deployment answering /api/health tells which, so readiness waits
 * for exactly that instead of for the whiteboard to have been quiet for a while.
 */
final class ServingDeployment {

    private ServingDeployment() {
    }

    /**
     * What keeps the deployment answering this call from serving every resource registered for /api.
     *
     * @param registered how many resources are registered for /api, each listed as served by the runtime view
     */
    static List<String> waitingFor(int registered) {
        return waitingFor(registered, rootResources(PhaseInterceptorChain.getCurrentMessage()));
    }

    static List<String> waitingFor(int registered, int servingHere) {
        if (servingHere < 0) {
            return List.of("the JAX-RS runtime to say what the deployment answering this call serves (not a CXF call)");
        }
        if (servingHere != registered) {
            return List.of("the JAX-RS whiteboard to redeploy /api (the deployment answering this call serves "
                    + servingHere + " resources, " + registered + " are registered)");
        }
        return List.of();
    }

    /** The root resources of the JAX-RS deployment a CXF message came to, or -1 when it cannot say. */
    static int rootResources(Message message) {
        if (message == null || message.getExchange() == null
                || !(message.getExchange().getService() instanceof JAXRSServiceImpl service)) {
            return -1;
        }
        return service.getClassResourceInfos().size();
    }
}
