package org.conflictledger.submit;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.conflictledger.core.json.Json;
import org.conflictledger.core.web.Problem;
import org.conflictledger.core.web.Problems;
import org.jboss.logging.Logger;

/** Every failure leaves as an RFC 9457 problem document; storage trouble as 503 with Retry-After. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Problem p;
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            p = Problem.of(status, "http-" + status, Response.Status.fromStatusCode(status) == null
                    ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), framework(status));
        } else {
            p = Problems.of(e);
        }
        if (p.status() >= 500) {
            LOG.errorf(e, "request failed with %d", p.status());
        }
        Response.ResponseBuilder r = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(write(p));
        if (Problems.retryable(p)) {
            r.header("Retry-After", Problems.RETRY_AFTER_SECONDS);
        }
        return r.build();
    }

    private static String framework(int status) {
        return switch (status) {
            case 404 -> "no such route";
            case 405 -> "this route does not allow that method";
            case 406 -> "the Accept header names no media type this route produces";
            case 413 -> "the body is larger than this route accepts";
            case 415 -> "send the body as application/json";
            default -> "the request could not be handled";
        };
    }

    static String write(Problem p) {
        try {
            return Json.mapper().writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
