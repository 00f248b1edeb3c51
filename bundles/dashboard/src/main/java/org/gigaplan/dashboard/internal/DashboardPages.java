package org.gigaplan.dashboard.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The dashboard's files (under {@code web/} in this bundle) at {@code /dashboard/…}, through the HTTP whiteboard.
 * The pages call /api with the user's login; nothing here reads the database or the platform's services.
 */
@Component(service = DashboardPages.class, property = {
    "osgi.http.whiteboard.resource.pattern=" + DashboardPages.PATH + "/*",
    "osgi.http.whiteboard.resource.prefix=/web" })
public class DashboardPages {

    /** Where the dashboard is. */
    public static final String PATH = "/dashboard";
}
