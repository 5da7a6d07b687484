package io.synod.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON ops API under {@code /synod/api/v1}; protected like the console (role {@code synod-admin}). */
@ApplicationPath(OpsApplication.PATH)
public class OpsApplication extends Application {

    /** Relative to the web module's context root; {@code ApiAuthentication} recognises API requests by it. */
    public static final String PATH = "api/v1";
}
