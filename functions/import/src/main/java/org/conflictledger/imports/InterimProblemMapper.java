package org.conflictledger.imports;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.conflictledger.http.Problem;
import org.conflictledger.http.Problems;
import org.jboss.logging.Logger;

/**
 * INTERIM: every failure as an RFC 9457 problem, storage trouble as 503 with Retry-After (as
 * submit's ProblemMapper), until the shared mapper in functions/lambda-http reaches this branch.
 */
@Provider
public class InterimProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(InterimProblemMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Problem p;
        if (e instanceof WebApplicationException w) {
            Response.StatusType s = w.getResponse().getStatusInfo();
            p = Problems.http(s.getStatusCode(), s.getReasonPhrase());
        } else {
            p = Problems.of(e);
        }
        if (p.status() >= 500) {
            LOG.errorf(e, "request failed with %d", p.status());
        }
        Response.ResponseBuilder r = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(Problems.json(p));
        if (Problems.retryable(p)) {
            r.header("Retry-After", Problems.RETRY_AFTER_SECONDS);
        }
        return r.build();
    }
}
