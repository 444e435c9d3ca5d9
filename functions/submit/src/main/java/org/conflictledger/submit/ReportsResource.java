package org.conflictledger.submit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.http.ApiException;
import org.conflictledger.http.Caller;

/** HTTP adapter of the submit function: docs/api.md's write routes, nothing more. */
@Path("/v1/reports")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    /** Compiled once (String.matches compiles on every call): a report id is a ULID. */
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    Submissions submissions;

    @Inject
    Caller caller;

    @jakarta.ws.rs.core.Context
    ContainerRequestContext request;

    @POST
    public Response create(@HeaderParam(IDEMPOTENCY_KEY) String key, byte[] body) {
        var o = submissions.create(caller.principal(), body, checkKey(key));
        request.setProperty(ReportMetrics.ACCEPTED, o.replayed() ? 0 : 1);
        // Relative, exactly as docs/api.md gives it (JAX-RS would make location() absolute).
        return written(o).header("Location", "/v1/reports/" + o.report().id()).build();
    }

    @POST
    @Path("/batch")
    public Response batch(@HeaderParam(IDEMPOTENCY_KEY) String key, byte[] body) {
        var o = submissions.batch(caller.principal(), body, checkKey(key));
        if (!o.replayed()) {
            request.setProperty(ReportMetrics.ACCEPTED, o.accepted());
            request.setProperty(ReportMetrics.REJECTED, o.rejected());
        }
        var r = Response.ok(o.resultsJson(), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"));
        if (o.replayed()) {
            r.header("Idempotent-Replayed", "true");
        }
        return r.build();
    }

    @PUT
    @Path("/{id}")
    public Response correct(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam(IDEMPOTENCY_KEY) String key, byte[] body) {
        return written(submissions.correct(caller.principal(), checkId(id), ifMatch, body, checkKey(key))).build();
    }

    @DELETE
    @Path("/{id}")
    public Response retract(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam(IDEMPOTENCY_KEY) String key, byte[] body) {
        return written(submissions.retract(caller.principal(), checkId(id), ifMatch, body, checkKey(key))).build();
    }

    @POST
    @Path("/{id}/review")
    public Response review(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @HeaderParam(IDEMPOTENCY_KEY) String key, byte[] body) {
        return written(submissions.review(caller.principal(), checkId(id), ifMatch, body, checkKey(key))).build();
    }

    /** Writers see their own write in full: the response is never redacted. */
    private static Response.ResponseBuilder written(Submissions.Outcome o) {
        var r = Response.status(o.status())
                .entity(ReportJson.write(o.report()))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .tag(Integer.toString(o.report().revision()));
        if (o.replayed()) {
            r.header("Idempotent-Replayed", "true");
        }
        return r;
    }

    /** 1..128 printable ASCII characters (docs/api.md). */
    static String checkKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "must be 1 to 128 printable ASCII characters");
        }
        return key;
    }

    /** Ids are ULIDs; anything else cannot exist, so it is a 404 without touching storage. */
    static String checkId(String id) {
        if (id == null || !ULID.matcher(id).matches()) {
            throw ApiException.notFound("no report with id " + id);
        }
        return id;
    }
}
