package io.synod.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * The session timeout for pages that poll: the overview's and the charts' background requests keep the servlet
 * session alive forever, so they do not count as activity here. Once nothing but polls came for longer than the
 * session timeout (web.xml), the next poll ends the session and sends the page to the login page.
 */
@WebFilter(urlPatterns = "/*")
public class IdleSessionGuard extends HttpFilter {

    /** The overview's p:poll (form {@code live}, component {@code poll}). */
    static final String POLL_SOURCE = "live:poll";
    /** The charts page's data (see {@code ChartDataServlet}). */
    static final String CHART_DATA = "/console/charts.json";
    private static final String LAST_ACTIVITY = "synod.lastActivityMillis";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(IdleSessionGuard.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session == null || request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        long now = System.currentTimeMillis();
        if (!isBackground(request)) {
            session.setAttribute(LAST_ACTIVITY, now);
            chain.doFilter(request, response);
            return;
        }
        Object last = session.getAttribute(LAST_ACTIVITY);
        long limitMillis = session.getMaxInactiveInterval() * 1000L;
        if (limitMillis > 0 && last instanceof Long at && now - at > limitMillis) {
            String user = request.getUserPrincipal().getName();
            session.invalidate();
            request.logout();
            LOG.info(() -> "console session of '" + user + "' ended after " + limitMillis / 1000 + " s without activity");
            sendToLogin(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isBackground(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return CHART_DATA.equals(path) || POLL_SOURCE.equals(request.getParameter("jakarta.faces.source"));
    }

    /** A poll gets Faces' partial-response redirect; the charts' script reloads on anything but JSON. */
    private static void sendToLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AjaxRedirect.isAjax(request)) {
            AjaxRedirect.toLogin(request, response);
        } else {
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
        }
    }
}
