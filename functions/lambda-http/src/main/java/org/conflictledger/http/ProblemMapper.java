package org.conflictledger.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** Every failure leaves as an RFC 9457 problem document; storage trouble as 503 with Retry-After. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    Caller caller;

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
        if (p.status() == 401) {
            // RFC 6750: a bearer token is needed, and says so when the one sent did not verify.
            r.header("WWW-Authenticate", caller.tokenRejected() ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        if (Problems.retryable(p)) {
            r.header("Retry-After", Problems.RETRY_AFTER_SECONDS);
        }
        return r.build();
    }
}
