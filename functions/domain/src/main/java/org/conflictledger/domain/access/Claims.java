package org.conflictledger.domain.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.Role;

/**
 * Reads the principal from the JWT claims API Gateway's authorizer verified and put in the event.
 * Only the event's authorizer claims are trusted; headers and body never are.
 * Roles are exact (docs/reliability.md, "Issue 12 hardening"): a {@code cognito:groups} entry
 * names a role as written ("editor", never "EDITOR"); a {@code scope} entry is the bare role or
 * the configured resource-server prefix followed by the role ("ledger-api/editor" with prefix
 * "ledger-api/"), never any other path ending in a role name.
 */
public final class Claims {

    private Claims() {
    }

    /** Roles from groups and bare scopes only (no resource-server prefix configured). */
    public static Principal principal(Map<String, ?> claims) {
        return principal(claims, "");
    }

    /**
     * @param scopePrefix the resource-server prefix of scopes that name a role, e.g. "ledger-api/";
     *                    null or empty: only bare role scopes count
     */
    public static Principal principal(Map<String, ?> claims, String scopePrefix) {
        String prefix = scopePrefix == null ? "" : scopePrefix;
        if (claims == null || claims.isEmpty()) {
            return Principal.PUBLIC;
        }
        Object sub = claims.get("sub");
        if (!(sub instanceof String s) || s.isBlank()) {
            return Principal.PUBLIC;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String g : values(claims.get("cognito:groups"))) {
            role(g).ifPresent(roles::add);
        }
        Object scope = claims.get("scope");
        if (scope instanceof String sc) {
            for (String token : sc.trim().split("\\s+")) {
                role(token).ifPresent(roles::add);
                // Cognito resource-server scopes look like "ledger-api/reporter".
                if (!prefix.isEmpty() && token.startsWith(prefix)) {
                    role(token.substring(prefix.length())).ifPresent(roles::add);
                }
            }
        }
        return new Principal(s, Set.copyOf(roles));
    }

    /** A list, a JSON-array string, or API Gateway's flattened form "[reporter editor]". */
    static List<String> values(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        } else if (raw instanceof String s) {
            String body = s.trim();
            if (body.startsWith("[") && body.endsWith("]")) {
                body = body.substring(1, body.length() - 1);
            }
            for (String part : body.split("[\\s,]+")) {
                String v = part.replace("\"", "").trim();
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static Optional<Role> role(String name) {
        for (Role r : Role.values()) {
            if (r.toString().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
