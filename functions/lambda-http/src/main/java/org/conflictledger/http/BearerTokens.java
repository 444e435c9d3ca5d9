package org.conflictledger.http;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token exactly as the HTTP API's JWT authorizer does for the write routes
 * (docs/reliability.md, "Issue 12 hardening"): signature (mp.jwt.verify.publickey[.location]),
 * {@code iss}, {@code exp}, {@code nbf} and {@code iat} by smallrye-jwt; then the audience: the
 * token's {@code aud} must name a configured audience, or, only when it has no {@code aud} (a
 * Cognito access token), its {@code client_id} must be one. smallrye-jwt alone requires
 * {@code aud}, so its audience check is off here and this class does it.
 */
@ApplicationScoped
public class BearerTokens {

    private final JWTParser parser;
    private final Set<String> audiences;
    private final long skewSeconds;

    @Inject
    public BearerTokens(JWTAuthContextInfo configured) {
        this.audiences = configured.getExpectedAudience() == null ? Set.of() : Set.copyOf(configured.getExpectedAudience());
        this.skewSeconds = Math.max(0, configured.getClockSkew());
        JWTAuthContextInfo withoutAudience = new JWTAuthContextInfo(configured);
        withoutAudience.setExpectedAudience(null);
        // One parser for the function's life: it keeps the JWKS it fetched.
        this.parser = new DefaultJWTParser(withoutAudience);
    }

    /** The verified token; ParseException when it does not verify or names none of our audiences. */
    public JsonWebToken verify(String token) throws ParseException {
        JsonWebToken jwt = parser.parse(token);
        // A present aud decides, even a malformed one (API Gateway evaluates aud when it is there).
        boolean ours = jwt.containsClaim("aud") ? strings(jwt.getClaim("aud")).stream().anyMatch(audiences::contains)
                : strings(jwt.getClaim("client_id")).stream().anyMatch(audiences::contains);
        if (!ours) {
            throw new ParseException("the token names none of the configured audiences");
        }
        long iat = jwt.getIssuedAtTime();
        if (iat > System.currentTimeMillis() / 1000 + skewSeconds) {
            throw new ParseException("the token was issued in the future");
        }
        return jwt;
    }

    private static Collection<String> strings(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        if (claim instanceof JsonString s) {
            return Set.of(s.getString());
        }
        if (claim instanceof JsonArray a) {
            return a.stream().filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                    .map(v -> ((JsonString) v).getString()).toList();
        }
        if (claim instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return Set.of(claim.toString());
    }
}
