package org.conflictledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * One JSON access line per request of every HTTP function: request id, principal (the caller
 * {@link Caller} verified, see {@link Caller#logged}), route, status, latency; never a token or a
 * source's name.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("access");
    /** Compiled once: String.replaceAll would compile it on every request. */
    private static final Pattern ID_SEGMENT = Pattern.compile("/[0-9A-HJKMNP-TV-Z]{26}(?=/|$)");
    private static final String STARTED = "ledger.started";

    @Inject
    Instance<APIGatewayV2HTTPEvent> event;

    @Inject
    Caller caller;

    @ServerRequestFilter(preMatching = true)
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void finished(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long ms = started instanceof Long s ? (System.nanoTime() - s) / 1_000_000 : -1;
        String route = route(request);
        var e = event.isResolvable() ? event.get() : null;
        MDC.put("requestId", e == null || e.getRequestContext() == null ? "-" : String.valueOf(e.getRequestContext().getRequestId()));
        // The identity Caller verified (authorizer claims or a bearer token), not only the authorizer's.
        MDC.put("principal", caller.logged());
        MDC.put("route", route);
        MDC.put("status", Integer.toString(response.getStatus()));
        MDC.put("latencyMs", Long.toString(ms));
        try {
            LOG.infof("%s %d %d ms", route, response.getStatus(), ms);
        } finally {
            for (String k : new String[] {"requestId", "principal", "route", "status", "latencyMs"}) {
                MDC.remove(k);
            }
        }
    }

    /** Method and path with ids as {id}, so routes group in log queries and metrics. */
    public static String route(ContainerRequestContext request) {
        return request.getMethod() + " " + path(request.getUriInfo().getPath());
    }

    static String path(String path) {
        return ID_SEGMENT.matcher(path).replaceAll("/{id}");
    }
}
