package org.conflictledger.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import java.util.regex.Pattern;
import org.conflictledger.lambda.Emf;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * One JSON access line per request (request id, principal, route, status, latency; never a
 * token or a source's name) and the reports accepted/rejected as CloudWatch EMF metrics.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("access");
    /** Compiled once: String.replaceAll would compile it on every request. */
    private static final Pattern ID_SEGMENT = Pattern.compile("/[0-9A-HJKMNP-TV-Z]{26}(?=/|$)");
    static final String STARTED = "ledger.started";
    /** Set by the resource: how many reports a request stored and refused. */
    static final String ACCEPTED = "ledger.accepted";
    static final String REJECTED = "ledger.rejected";

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
        String route = request.getMethod() + " " + route(request.getUriInfo().getPath());
        String requestId = requestId();
        String principal = caller.principal().subject();
        MDC.put("requestId", requestId == null ? "-" : requestId);
        MDC.put("principal", principal == null ? "public" : principal);
        MDC.put("route", route);
        MDC.put("status", Integer.toString(response.getStatus()));
        MDC.put("latencyMs", Long.toString(ms));
        try {
            LOG.infof("%s %d %d ms", route, response.getStatus(), ms);
        } finally {
            MDC.remove("requestId");
            MDC.remove("principal");
            MDC.remove("route");
            MDC.remove("status");
            MDC.remove("latencyMs");
        }
        int accepted = count(request.getProperty(ACCEPTED));
        int rejected = count(request.getProperty(REJECTED));
        if (request.getMethod().equals("POST") && route.startsWith("POST /v1/reports") && !route.endsWith("/review")
                && accepted == 0 && rejected == 0) {
            rejected = response.getStatus() >= 400 ? 1 : 0;
        }
        if (accepted + rejected > 0) {
            Emf.emit(System.out, System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "submit"),
                    Map.of("ReportsAccepted", accepted, "ReportsRejected", rejected), Map.of());
        }
    }

    private String requestId() {
        if (!event.isResolvable() || event.get() == null || event.get().getRequestContext() == null) {
            return null;
        }
        return event.get().getRequestContext().getRequestId();
    }

    /** Ids become {id}, so routes group in log queries. */
    static String route(String path) {
        return ID_SEGMENT.matcher(path).replaceAll("/{id}");
    }

    private static int count(Object o) {
        return o instanceof Integer i ? i : 0;
    }
}
