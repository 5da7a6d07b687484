package io.synod.admin.api;

import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /locks}: see {@link CoordinationViews}. */
@Path("locks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LocksResource {

    @Inject
    SynodNode node;

    @GET
    public Response list() {
        return CoordinationViews.locks(node);
    }
}
