package org.conflictledger.imports;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.access.Claims;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * INTERIM: the caller from the JWT claims API Gateway verified and put in the event (as submit's
 * Caller), until the shared one in functions/lambda-http reaches this branch; then this file goes.
 */
@RequestScoped
public class InterimCaller {

    @Inject
    Instance<APIGatewayV2HTTPEvent> event;

    @ConfigProperty(name = "ledger.auth.scope-prefix")
    Optional<String> scopePrefix;

    public Principal principal() {
        if (!event.isResolvable()) {
            return Principal.PUBLIC;
        }
        APIGatewayV2HTTPEvent e = event.get();
        if (e == null || e.getRequestContext() == null || e.getRequestContext().getAuthorizer() == null
                || e.getRequestContext().getAuthorizer().getJwt() == null) {
            return Principal.PUBLIC;
        }
        return Claims.principal(e.getRequestContext().getAuthorizer().getJwt().getClaims(), scopePrefix.orElse(""));
    }
}
