package org.gigaplan.platform.internal.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.gigaplan.platform.internal.security.SecurityHeaders;
import org.osgi.service.component.annotations.Component;

/**
 * The web server's error answers outside the /api application (an unknown file under /dashboard, a path trick): a
 * plain page in Japanese and English, or a problem for anything under /api, instead of the server's own page that
 * names its servlets. Registered as the HTTP whiteboard's error page for every 4xx and 5xx.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.errorPage=4xx",
    "osgi.http.whiteboard.servlet.errorPage=5xx",
    "osgi.http.whiteboard.servlet.name=gigaplan-error-pages" })
public class ErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        response.setStatus(status);
        SecurityHeaders.apply(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        String title = status == 404 ? "Not Found" : status >= 500 ? "Server Error" : "Bad Request";
        byte[] body;
        if (path != null && path.startsWith("/api")) {
            response.setContentType("application/problem+json");
            body = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/html; charset=UTF-8");
            String ja = status == 404 ? "ページが見つかりません" : status >= 500 ? "サーバーでエラーが起きました" : "要求を受け付けられません";
            body = ("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>" + status + " " + ja
                    + "</title></head><body><h1>" + ja + " / " + title + "</h1><p><a href=\"/dashboard/\">"
                    + "ダッシュボードへ / To the dashboard</a></p></body></html>").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
