package org.gigaplan.platform.internal.security;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

/**
 * A web page calling /api with its own login form sends {@code X-Requested-With: XMLHttpRequest}: its 401 answers
 * carry no {@code WWW-Authenticate} challenge, so the browser shows the page's form, not its own password dialog.
 */
public final class NoPromptFilter implements ContainerResponseFilter {

    static final String REQUESTED_WITH = "X-Requested-With";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if ("XMLHttpRequest".equalsIgnoreCase(request.getHeaderString(REQUESTED_WITH))) {
            response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        }
    }
}
