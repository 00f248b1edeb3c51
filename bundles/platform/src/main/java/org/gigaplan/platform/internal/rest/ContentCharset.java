package org.gigaplan.platform.internal.rest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * Refuses with 415 a body whose Content-Type names a charset the server cannot read: one the JDK does not know
 * ({@code charset=foo}) or one written wrong (an unclosed quote), as a problem in the caller's language. A charset
 * the JDK knows passes (Shift_JIS and CP932 as Excel saves a CSV, UTF-8), as does a Content-Type naming none; the
 * charset of a call without a body is not looked at. CXF's transport fails on such a charset before the application
 * sees the call, with the web server's 500 page: {@link ContentCharsetShield} hides it from the transport, and this
 * filter, after {@code AuditFilter}, refuses the call, so the refusal is in the audit log like any other.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class ContentCharset implements ContainerRequestFilter {

    static final String FIELD = HttpHeaders.CONTENT_TYPE;
    /** The longest charset name a refusal repeats. */
    private static final int SHOWN = 40;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() <= 0 && request.getHeaderString("Transfer-Encoding") == null) {
            return;
        }
        unreadable(request.getHeaderString(HttpHeaders.CONTENT_TYPE))
                .ifPresent(error -> request.abortWith(problem(error).toResponse()));
    }

    /** The 415 that names what is wrong with the charset, in English and Japanese. */
    static Problem problem(FieldError error) {
        return new Problem("about:blank", "Unsupported Media Type", 415, error.field() + ": " + error.detail(),
                error.field(), List.of(error));
    }

    /**
     * What is wrong with the {@code charset} parameter of a Content-Type, if anything: the first charset parameter,
     * its name in any case, its value a token or a quoted string; an empty value names none.
     */
    static Optional<FieldError> unreadable(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int i = contentType.indexOf(';');
        while (i >= 0) {
            int eq = contentType.indexOf('=', i + 1);
            int semicolon = contentType.indexOf(';', i + 1);
            if (eq < 0 || (semicolon >= 0 && semicolon < eq)) {
                i = semicolon;
                continue;
            }
            String name = contentType.substring(i + 1, eq).trim();
            int end = valueEnd(contentType, eq + 1);
            if (name.equalsIgnoreCase("charset")) {
                return end < 0 ? Optional.of(malformed()) : charset(unquote(contentType.substring(eq + 1, end).trim()));
            }
            i = end < 0 ? -1 : contentType.indexOf(';', end);
        }
        return Optional.empty();
    }

    /** Where a parameter's value starting at {@code from} ends (a quoted string may hold {@code ;}); -1 if unclosed. */
    private static int valueEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '"') {
            for (i++; i < s.length(); i++) {
                if (s.charAt(i) == '\\') {
                    i++;
                } else if (s.charAt(i) == '"') {
                    return i + 1;
                }
            }
            return -1;
        }
        int semicolon = s.indexOf(';', i);
        return semicolon < 0 ? s.length() : semicolon;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1").trim();
        }
        return value;
    }

    private static Optional<FieldError> charset(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (Charset.isSupported(name)) {
                return Optional.empty();
            }
        } catch (IllegalCharsetNameException e) {
            // not a charset name at all: unknown as well
        }
        String shown = name.length() > SHOWN ? name.substring(0, SHOWN) + "…" : name;
        return Optional.of(new FieldError(FIELD, "unknown charset \"" + shown + "\": send UTF-8 (a CSV file also "
                + "Shift_JIS)", "文字コード \"" + shown + "\" は扱えません。UTF-8 で送ってください（CSVファイルは Shift_JIS も可）"));
    }

    private static FieldError malformed() {
        return new FieldError(FIELD, "the charset is malformed (a quote is not closed): send charset=UTF-8 (a CSV "
                + "file also Shift_JIS)", "文字コード（charset）の書き方に誤りがあります（引用符が閉じていません）。"
                + "charset=UTF-8 としてください（CSVファイルは Shift_JIS も可）");
    }
}
