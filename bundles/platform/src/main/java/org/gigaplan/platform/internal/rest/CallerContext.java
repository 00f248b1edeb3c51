package org.gigaplan.platform.internal.rest;

import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;

import org.apache.cxf.jaxrs.ext.ContextProvider;
import org.apache.cxf.message.Message;
import org.gigaplan.plan.security.Caller;

/**
 * Lets a resource method of any module take the caller as {@code @Context Caller caller}: the one the platform
 * authenticated for the request, null only on a {@code @Public} method called anonymously. CXF, the JAX-RS
 * implementation under the Aries whiteboard, asks this provider for context types it does not know itself.
 */
@Provider
public final class CallerContext implements ContextProvider<Caller> {

    @Override
    public Caller createContext(Message message) {
        return Caller.of(message.get(SecurityContext.class)).orElse(null);
    }
}
