package org.gigaplan.environment.internal.rest;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * xAPI's headers on every answer of the LRS, errors too: the version it speaks (2.0.0 to a client that asked in
 * 2.0, else 1.0.3), and on the Statements resource's
 * reads the time it is consistent through. The platform's own answers elsewhere are left as they are.
 */
@Component(service = ContainerResponseFilter.class, property = { "osgi.jaxrs.extension=true",
        "osgi.jaxrs.name=environment.xapi-headers",
        "osgi.jaxrs.application.select=" + GigaPlanRest.APPLICATION_SELECT })
public class XapiHeaders implements ContainerResponseFilter {

    private final XapiService xapi;

    @Activate
    public XapiHeaders(@Reference XapiService xapi) {
        this.xapi = xapi;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("environment/xapi/") && !path.startsWith("/environment/xapi/")) {
            return;
        }
        String asked = request.getHeaderString(XapiResource.VERSION_HEADER);
        response.getHeaders().putSingle(XapiResource.VERSION_HEADER, asked == null ? xapi.defaultVersion()
                : XapiService.isVersion2(asked) ? XapiService.VERSION_2 : XapiService.VERSION);
        String method = request.getMethod();
        if (path.endsWith("/statements") && ("GET".equals(method) || "HEAD".equals(method))
                && !response.getHeaders().containsKey(XapiResource.CONSISTENT_THROUGH)) {
            response.getHeaders().putSingle(XapiResource.CONSISTENT_THROUGH, xapi.clock().now().toString());
        }
    }
}
