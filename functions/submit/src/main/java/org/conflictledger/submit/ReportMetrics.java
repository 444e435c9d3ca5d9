package org.conflictledger.submit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.conflictledger.http.AccessLog;
import org.conflictledger.lambda.Emf;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Reports accepted and rejected per request, as CloudWatch EMF metrics (docs/deploy.md, alarms). */
public class ReportMetrics {

    /** Set by the resource: how many reports a request stored and refused. */
    static final String ACCEPTED = "ledger.accepted";
    static final String REJECTED = "ledger.rejected";

    @ServerResponseFilter
    public void finished(ContainerRequestContext request, ContainerResponseContext response) {
        String route = AccessLog.route(request);
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

    private static int count(Object o) {
        return o instanceof Integer i ? i : 0;
    }
}
