package io.synod.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Sends a page's ajax request (its live poll) to the login page. A plain HTTP redirect would hand the login
 * page's HTML to the page's script, which cannot use it; Faces' partial-response redirect makes the browser go.
 */
final class AjaxRedirect {

    private AjaxRedirect() {
    }

    static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                + request.getContextPath() + "/login.xhtml\"/></partial-response>");
        response.flushBuffer();
    }
}
