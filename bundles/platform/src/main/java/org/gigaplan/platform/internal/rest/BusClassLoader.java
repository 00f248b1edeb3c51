package org.gigaplan.platform.internal.rest;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.apache.cxf.Bus;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * Gives the CXF bus serving {@code /api} the class loader its calls already run with, at the first call.
 *
 * <p>Before each call CXF's servlet asks its bus for a class loader to serve the call with. The bus the Aries
 * whiteboard makes has none, so CXF asks the bus's resource manager for one: a search for a resource named "" through
 * the class path and the framework, which finds none, and on its way has Felix build a
 * {@code ResourceNotFoundException} with its stack trace. Measured under {@code load.sh} (JFR, 2026-12-05): about
 * 2.5 % of the server's CPU and 5 % of what it allocates. The call then keeps the thread's context class loader, which
 * Pax Web sets to the servlet context's for every call of the context. So that loader, given to the bus, changes
 * nothing a call sees and ends the search. A bus made anew (the application redeployed) gets it at its first call.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 1000)
final class BusClassLoader implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        pin(PhaseInterceptorChain.getCurrentMessage(), Thread.currentThread().getContextClassLoader());
    }

    /** Gives the message's bus the loader, unless it has one already (or the call is not CXF's). */
    static void pin(Message message, ClassLoader loader) {
        if (message == null || message.getExchange() == null || loader == null) {
            return;
        }
        Bus bus = message.getExchange().getBus();
        if (bus != null && bus.getExtension(ClassLoader.class) == null) {
            bus.setExtension(loader, ClassLoader.class);
        }
    }
}
