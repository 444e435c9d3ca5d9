package org.conflictledger.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.conflictledger.core.domain.Principal;
import org.conflictledger.core.domain.Role;

/**
 * Reads the principal from the JWT claims API Gateway's authorizer verified and put in the event.
 * Only the event's authorizer claims are trusted; headers and body never are.
 */
public final class Claims {

    private Claims() {
    }

    public static Principal principal(Map<String, ?> claims) {
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
                // Cognito resource-server scopes look like "ledger-api/reporter".
                role(token.substring(token.lastIndexOf('/') + 1)).ifPresent(roles::add);
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

    private static java.util.Optional<Role> role(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Role r : Role.values()) {
            if (r.toString().equals(n)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
