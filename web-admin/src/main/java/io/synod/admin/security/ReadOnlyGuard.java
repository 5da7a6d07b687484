package io.synod.admin.security;

import io.synod.admin.api.OpsApplication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The server-side half of the read-only role (the pages render no action for a viewer; this refuses one sent
 * anyway). Runs after authentication, before anything acts:
 * <ul>
 *   <li>the ops API: any method but GET, HEAD and OPTIONS needs {@value ConsoleSecurity#ADMIN_ROLE}; otherwise
 *       403 with the API's JSON error body;</li>
 *   <li>the console: a form post carrying a field of an action form (every action form's id starts with
 *       {@value #ACTION_FORM_PREFIX}) needs {@value ConsoleSecurity#ADMIN_ROLE}; otherwise 403, whatever view
 *       state it carries.</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/*")
public class ReadOnlyGuard extends HttpFilter {

    /** Console forms whose submission changes something are named {@code action-...}. */
    public static final String ACTION_FORM_PREFIX = "action-";
    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String API_PREFIX = "/" + OpsApplication.PATH + "/";
    private static final Logger LOG = Logger.getLogger(ReadOnlyGuard.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getUserPrincipal() == null
                || request.isUserInRole(ConsoleSecurity.ADMIN_ROLE)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(API_PREFIX)) {
            refuse(request, response, "application/json",
                    "{\"status\":403,\"error\":\"read-only user: this request needs the synod-admin role\"}");
            return;
        }
        if (carriesAction(request)) {
            refuse(request, response, "text/plain", "Refused: your role is read-only (synod-viewer); actions need synod-admin.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean carriesAction(HttpServletRequest request) {
        return Collections.list(request.getParameterNames()).stream().anyMatch(n -> n.startsWith(ACTION_FORM_PREFIX))
                || String.valueOf(request.getParameter("jakarta.faces.source")).startsWith(ACTION_FORM_PREFIX);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String type, String body)
            throws IOException {
        LOG.warning(() -> "refused " + request.getMethod() + " " + request.getRequestURI() + " by read-only user '"
                + request.getUserPrincipal().getName() + "'");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
        response.flushBuffer();
    }
}
