package org.gigaplan.dashboard.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/** {@code /dashboard} and {@code /dashboard/} lead to the dashboard's page. */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + DashboardPages.PATH,
    "osgi.http.whiteboard.servlet.pattern=" + DashboardPages.PATH + "/",
    "osgi.http.whiteboard.servlet.name=gigaplan-dashboard-entry" })
public class DashboardEntry extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(DashboardPages.PATH + "/index.html");
    }
}
