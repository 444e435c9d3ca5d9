package org.conflictledger.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import org.conflictledger.domain.access.Claims;
import org.conflictledger.domain.Principal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The caller, from the JWT claims API Gateway verified and put in the event; never from headers or body. */
@RequestScoped
public class Caller {

    @Inject
    Instance<APIGatewayV2HTTPEvent> event;

    /** Scopes that name a role: the bare role, or this resource-server prefix and the role (see Claims). */
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
