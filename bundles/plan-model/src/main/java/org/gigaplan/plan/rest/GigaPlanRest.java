package org.gigaplan.plan.rest;

/**
 * The one JAX-RS application every resource, filter and provider of every bundle selects, so all get the
 * platform's JSON, error and security handling.
 *
 * <pre>
 * &#64;GigaPlanResource(name = "usage.measures")
 * &#64;Path("usage/measures")
 * </pre>
 */
public final class GigaPlanRest {

    /** {@code osgi.jaxrs.name} of the application. */
    public static final String APPLICATION_NAME = "gigaplan";

    /** The application's base path: every resource lives under {@code /api}. */
    public static final String APPLICATION_BASE = "api";

    /** Filter selecting the application ({@code osgi.jaxrs.application.select}), as {@link GigaPlanResource} sets it. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";

    /**
     * The path or query parameter that names the school a call is about ({@code /api/usage/schools/{schoolId}/…},
     * {@code ?schoolId=…}). The platform refuses, with 403 and a line in the log, a call to a method that is not
     * public naming another school than the caller's own, unless the caller is the board: a resource never repeats
     * that rule.
     */
    public static final String SCHOOL_PARAMETER = "schoolId";

    /** Media type of error bodies (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** Default and largest page sizes of list endpoints. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    private GigaPlanRest() {
    }
}
