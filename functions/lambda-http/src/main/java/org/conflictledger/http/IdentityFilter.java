package org.conflictledger.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the caller of every matched request before its route runs, so that no route can forget
 * it: credentials that do not verify are a 401 on every route, reads included (docs/api.md).
 */
public class IdentityFilter {

    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void identify(ContainerRequestContext request) {
        caller.principal();
    }
}
