package org.conflictledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.access.Claims;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The caller of a request, the one identity rule of every HTTP route (docs/api.md, "Identity and
 * roles"); {@link IdentityFilter} resolves it before any route runs. In AWS the write routes have
 * the HTTP API's JWT authorizer and the GET routes none (see infra/template.yaml), so:
 * <ol>
 *   <li>claims an authorizer put in the event are used as they are (local raw events, tests, and
 *       any route that does have an authorizer);</li>
 *   <li>otherwise an {@code Authorization: Bearer} header is verified here by {@link BearerTokens}
 *       with the rules of the HTTP API's JWT authorizer (signature, issuer, aud or client_id,
 *       expiry from the mp.jwt.verify.* configuration); a header that does not verify is a 401,
 *       never a silent downgrade to the public view;</li>
 *   <li>no claims and no header: the public.</li>
 * </ol>
 * Claims never come from anything unverified (other headers, the query, the body).
 */
@RequestScoped
public class Caller {

    private static final Logger LOG = Logger.getLogger(Caller.class);

    @Inject
    Instance<APIGatewayV2HTTPEvent> event;

    @Inject
    BearerTokens tokens;

    /** Scopes that name a role: the bare role, or this resource-server prefix and the role (see Claims). */
    @ConfigProperty(name = "ledger.auth.scope-prefix")
    Optional<String> scopePrefix;

    private Principal principal;
    private boolean tokenRejected;

    public Principal principal() {
        if (principal == null) {
            try {
                principal = resolve();
            } catch (ApiException e) {
                tokenRejected = true;
                throw e;
            }
        }
        return principal;
    }

    /** True when this request presented credentials that did not verify (RFC 6750's invalid_token). */
    public boolean tokenRejected() {
        return tokenRejected;
    }

    /**
     * Who the access log names: the verified principal's subject, "public" without credentials,
     * "unverified" for credentials that did not verify. Never throws.
     */
    public String logged() {
        try {
            Principal p = principal();
            return p.isPublic() ? "public" : p.subject();
        } catch (RuntimeException e) {
            return "unverified";
        }
    }

    private Principal resolve() {
        if (!event.isResolvable()) {
            return Principal.PUBLIC;
        }
        APIGatewayV2HTTPEvent e = event.get();
        if (e == null) {
            return Principal.PUBLIC;
        }
        if (e.getRequestContext() != null && e.getRequestContext().getAuthorizer() != null
                && e.getRequestContext().getAuthorizer().getJwt() != null
                && e.getRequestContext().getAuthorizer().getJwt().getClaims() != null
                && !e.getRequestContext().getAuthorizer().getJwt().getClaims().isEmpty()) {
            return Claims.principal(e.getRequestContext().getAuthorizer().getJwt().getClaims(), scopePrefix.orElse(""));
        }
        String authorization = header(e.getHeaders(), "authorization");
        if (authorization == null) {
            return Principal.PUBLIC;
        }
        String value = authorization.trim();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized();
        }
        try {
            Principal p = Claims.principal(claims(tokens.verify(value.substring(7).trim())), scopePrefix.orElse(""));
            if (p.isPublic()) {
                throw ApiException.unauthorized(); // a verified token without a subject names nobody
            }
            return p;
        } catch (ParseException | RuntimeException ex) {
            if (ex instanceof ApiException a) {
                throw a;
            }
            LOG.debugf("bearer token rejected: %s", ex.getMessage());
            throw ApiException.unauthorized();
        }
    }

    /** The verified token's claims in the shapes {@link Claims} reads: strings and lists of strings. */
    static Map<String, Object> claims(JsonWebToken token) {
        Map<String, Object> out = new HashMap<>();
        for (String name : List.of("sub", "cognito:groups", "scope")) {
            Object v = token.getClaim(name);
            if (v == null) {
                continue;
            }
            if (v instanceof JsonArray a) {
                List<String> list = new ArrayList<>();
                for (JsonValue j : a) {
                    list.add(j instanceof JsonString s ? s.getString() : j.toString());
                }
                out.put(name, list);
            } else if (v instanceof JsonString s) {
                out.put(name, s.getString());
            } else if (v instanceof Collection<?> c) {
                out.put(name, c.stream().map(Object::toString).toList());
            } else {
                out.put(name, v.toString());
            }
        }
        return out;
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
