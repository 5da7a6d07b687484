package io.synod.admin.console;

import io.synod.admin.security.ConsoleSecurity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/** Who is logged in, and logging out. */
@Named
@RequestScoped
public class SessionView {

    public String getUser() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }

    /** Whether this user may act (role synod-admin); a viewer is shown no action at all. */
    public boolean isAdmin() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(ConsoleSecurity.ADMIN_ROLE);
    }

    public String getRole() {
        return isAdmin() ? ConsoleSecurity.ADMIN_ROLE : ConsoleSecurity.VIEWER_ROLE;
    }

    public String logout() throws ServletException {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) context.getRequest()).logout();
        context.invalidateSession();
        return "/index.xhtml?faces-redirect=true";
    }
}
