package org.gigaplan.platform.internal.rest;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

import org.apache.cxf.helpers.HttpHeaderHelper;
import org.gigaplan.platform.internal.security.AnonymousGate;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps a Content-Type charset CXF's transport cannot map ({@code charset=foo}, an unclosed quote) from failing the
 * call before the /api application sees it: the transport reads the charset from the servlet request
 * ({@code getContentType}, {@code getCharacterEncoding}) and throws, which the web server answers with its own 500
 * page naming the exception, unaudited. For such a call the transport is shown the media type without its
 * parameters and no encoding; the Content-Type header itself is left as sent, for {@link ContentCharset} to refuse
 * with 415 inside the application, audited like any other refusal. Other calls pass untouched.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.pattern=/*",
    "osgi.http.whiteboard.filter.name=gigaplan-content-charset",
    "osgi.http.whiteboard.filter.asyncSupported=true",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + AnonymousGate.API_CONTEXT + ")" })
public class ContentCharsetShield implements Filter {

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && transportFails(http)) {
            chain.doFilter(new Hidden(http), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /**
     * Whether CXF's transport (AbstractHTTPDestination.setEncoding, CXF 3.5) would fail on the request's charset:
     * the charset of getContentType, else getCharacterEncoding, less a trailing quote, that its helper maps to none,
     * or that makes the helper throw ({@code charset="} alone).
     */
    static boolean transportFails(HttpServletRequest request) {
        try {
            String encoding = HttpHeaderHelper.findCharset(request.getContentType());
            if (encoding == null) {
                encoding = request.getCharacterEncoding();
            }
            if (encoding != null && encoding.endsWith("\"")) {
                encoding = encoding.substring(0, encoding.length() - 1);
            }
            return encoding != null && HttpHeaderHelper.mapCharset(encoding) == null;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The request as the transport is shown it: the media type without parameters, no character encoding. */
    static final class Hidden extends HttpServletRequestWrapper {
        Hidden(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            String type = super.getContentType();
            int semicolon = type == null ? -1 : type.indexOf(';');
            return semicolon < 0 ? type : type.substring(0, semicolon).trim();
        }

        @Override
        public String getCharacterEncoding() {
            return null;
        }
    }
}
