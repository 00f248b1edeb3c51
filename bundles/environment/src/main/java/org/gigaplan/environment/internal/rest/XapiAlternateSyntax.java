package org.gigaplan.environment.internal.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.MediaType;

import org.gigaplan.environment.internal.XapiService;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.InvalidInputException;
import org.osgi.service.component.annotations.Component;

/**
 * xAPI's alternate request syntax (Communication 1.3), for clients that can only POST a form (a browser across
 * origins): {@code POST …/xapi/<resource>?method=PUT}, the form holding the headers ({@code Authorization},
 * {@code X-Experience-API-Version}, {@code Content-Type}, {@code If-Match}, {@code If-None-Match}), the body as
 * {@code content} and the resource's parameters. The request is turned into the one it stands for before it is
 * authenticated and matched, so every resource of the LRS takes it and nothing downstream knows the difference.
 * Anything else in the query, or a form that is not URL-encoded, is refused; so is the syntax itself in xAPI 2.0,
 * which dropped it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
@Component(service = ContainerRequestFilter.class, property = { "osgi.jaxrs.extension=true",
        "osgi.jaxrs.name=environment.xapi-alternate-syntax",
        "osgi.jaxrs.application.select=" + GigaPlanRest.APPLICATION_SELECT })
public class XapiAlternateSyntax implements ContainerRequestFilter {

    /** The form parameters taken as headers, by their lower-case names. */
    static final Map<String, String> HEADERS = Map.of("authorization", "Authorization", "x-experience-api-version",
            XapiResource.VERSION_HEADER, "content-type", "Content-Type", "content-length", "Content-Length", "if-match",
            "If-Match", "if-none-match", "If-None-Match");
    static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE");
    /** Where the LRS's resources are, in the application (a path may start with a slash or not). */
    private static final String LRS = "environment/xapi/";

    @Override
    public void filter(ContainerRequestContext request) {
        // Every /api call passes here: the path is looked at first, without a regular expression (one compiled at
        // every call was 3 % of what the server allocated under load.sh), and the query only for the LRS.
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(LRS, path.startsWith("/") ? 1 : 0)) {
            return;
        }
        Map<String, List<String>> query = request.getUriInfo().getQueryParameters();
        if (!query.containsKey("method")) {
            return;
        }
        refusedIn2(request.getHeaderString(XapiResource.VERSION_HEADER));
        String method = query.get("method").get(0).toUpperCase(Locale.ROOT);
        if (!"POST".equals(request.getMethod())) {
            throw new InvalidInputException("method", "the alternate request syntax is a POST, was a "
                    + request.getMethod());
        }
        if (!METHODS.contains(method)) {
            throw new InvalidInputException("method", "GET, HEAD, PUT, POST or DELETE, was " + method);
        }
        for (String other : query.keySet()) {
            if (!"method".equals(other)) {
                throw new InvalidInputException(other, "with ?method= only the method is in the query: every other "
                        + "parameter, the headers and the content go in the form");
            }
        }
        if (request.getMediaType() == null
                || !request.getMediaType().isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            throw new InvalidInputException("Content-Type", "the alternate request syntax is a form, "
                    + MediaType.APPLICATION_FORM_URLENCODED + ", was " + request.getMediaType());
        }
        Map<String, String> form = form(request);
        form.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(XapiResource.VERSION_HEADER))
                .forEach(e -> refusedIn2(e.getValue()));
        StringBuilder parameters = new StringBuilder();
        String content = null;
        request.getHeaders().remove("Content-Type");
        for (Map.Entry<String, String> e : form.entrySet()) {
            String header = HEADERS.get(e.getKey().toLowerCase(Locale.ROOT));
            if (header != null) {
                request.getHeaders().putSingle(header, e.getValue());
            } else if ("content".equals(e.getKey())) {
                content = e.getValue();
            } else {
                parameters.append(parameters.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=')
                        .append(encode(e.getValue()));
            }
        }
        byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        if (content != null && request.getHeaderString("Content-Type") == null) {
            request.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
        }
        request.getHeaders().putSingle("Content-Length", String.valueOf(body.length));
        request.setEntityStream(new ByteArrayInputStream(body));
        URI uri = request.getUriInfo().getRequestUri();
        String base = uri.toString();
        int q = base.indexOf('?');
        request.setRequestUri(URI.create((q < 0 ? base : base.substring(0, q))
                + (parameters.length() == 0 ? "" : "?" + parameters)));
        request.setMethod(method);
    }

    /** xAPI 2.0 dropped the alternate request syntax: a 2.0 client's request with ?method= is refused. */
    private static void refusedIn2(String version) {
        if (XapiService.isVersion2(version)) {
            throw new InvalidInputException("method", "xAPI 2.0 has no alternate request syntax: send the request "
                    + "itself (the syntax is xAPI 1.0's)");
        }
    }

    /** The URL-encoded form; refused when it is not one. */
    private static Map<String, String> form(ContainerRequestContext request) {
        String text;
        try {
            text = new String(request.getEntityStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> form = new TreeMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("body", "the alternate request syntax's form is URL-encoded "
                        + "name=value pairs joined by &, was \"" + (pair.length() > 80 ? pair.substring(0, 80) + "…"
                                : pair) + "\"");
            }
            try {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("body", "the form is not URL-encoded: " + e.getMessage());
            }
        }
        return form;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
