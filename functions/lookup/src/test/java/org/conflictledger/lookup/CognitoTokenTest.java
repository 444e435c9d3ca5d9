package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens on GET routes are accepted exactly as the HTTP API's JWT authorizer accepts them on
 * writes (docs/reliability.md, "Issue 12 hardening"): aud must name a configured audience, or,
 * only when the token has no aud (a Cognito access token), client_id must. Roles are exact, and
 * the access log names the verified caller.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class CognitoTokenTest extends LookupTestBase {

    private static final String ISSUER = "https://issuer.ledger.test";

    /** A Cognito user-pool access token: no aud, client_id, cognito:groups, token_use, username. */
    private static JwtClaimsBuilder access(String clientId) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject("ed-7").claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin").claim("username", "ed-7")
                .claim("cognito:groups", List.of("editor")).expiresIn(300);
        return clientId == null ? b : b.claim("client_id", clientId);
    }

    private static LambdaEvents.Reply read(String token) {
        return get("/v1/reports/" + Fixtures.A, null).header("Authorization", "Bearer " + token).send();
    }

    private static String sign(JwtClaimsBuilder b) {
        try {
            return b.sign(JwtTest.key(JwtKeys.PRIVATE_KEY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCognitoAccessTokenWithAConfiguredClientIdIsAccepted() {
        var r = read(sign(access("ledger-api")));
        assertEquals(200, r.status(), r.body());
        assertEquals("rep-1", r.json().get("submittedBy").asText(), "the editor's full view");
    }

    @Test
    void audDecidesWhenPresentAndClientIdOnlyWithoutIt() {
        for (String token : List.of(
                sign(access("another-client")),
                sign(access(null)),
                sign(access("ledger-api").audience("another-api")),
                sign(access("ledger-api").audience(Set.of("x", "y"))))) {
            var r = read(token);
            assertProblem(r, 401);
            assertFalse(r.body().contains("rep-1"));
        }
        var both = read(sign(access("another-client").audience(Set.of("other", "ledger-api"))));
        assertEquals(200, both.status(), "aud naming a configured audience: " + both.body());
        assertTrue(both.json().has("submittedBy"));
    }

    @Test
    void expiryNotBeforeAndIssuedAtAreChecked() {
        long now = System.currentTimeMillis() / 1000;
        for (JwtClaimsBuilder b : List.of(
                access("ledger-api").issuedAt(now - 7200).expiresAt(now - 3600),
                access("ledger-api").claim("nbf", now + 3600).expiresAt(now + 7200),
                access("ledger-api").issuedAt(now + 3600).expiresAt(now + 7200),
                access("ledger-api").issuer("https://elsewhere.test"))) {
            assertProblem(read(sign(b)), 401);
        }
        assertEquals(0, requests.total(), "nothing is read for a caller who is not who they claim");
    }

    @Test
    void scopesAndGroupsGiveRolesOnlyWhenExact() {
        String[][] noRole = {{"scope", "anything/editor"}, {"scope", "other-api/analyst"}, {"scope", "EDITOR"},
            {"scope", "ledger-api/EDITOR"}};
        for (String[] c : noRole) {
            var r = read(sign(Jwt.issuer(ISSUER).audience("ledger-api").subject("svc").claim(c[0], c[1]).expiresIn(300)));
            assertEquals(200, r.status(), r.body());
            assertFalse(r.json().has("submittedBy"), c[1] + " must not give a role");
        }
        for (String group : List.of("EDITOR", "Editor", "ANALYST")) {
            var r = read(sign(access("ledger-api").claim("cognito:groups", List.of(group))));
            assertFalse(r.json().has("submittedBy"), group + " must not give a role");
        }
        var prefixed = read(sign(Jwt.issuer(ISSUER).audience("ledger-api").subject("svc")
                .claim("scope", "openid ledger-api/editor").expiresIn(300)));
        assertTrue(prefixed.json().has("submittedBy"), "the configured prefix plus the role");
        var bare = read(sign(Jwt.issuer(ISSUER).audience("ledger-api").subject("svc")
                .claim("scope", "openid analyst").expiresIn(300)));
        assertTrue(bare.json().has("submittedBy"), "the bare role");
        var authorizer = get("/v1/reports/" + Fixtures.A, null).claim("sub", "x").claim("scope", "anything/editor").send();
        assertFalse(authorizer.json().has("submittedBy"), "authorizer claims follow the same rules");
    }

    @Test
    void theAccessLogNamesTheVerifiedCaller() {
        List<String> principals = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                principals.add(record instanceof ExtLogRecord e ? e.getMdc("principal") : "?");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger("access");
        access.addHandler(capture);
        try {
            assertEquals(200, read(sign(Jwt.issuer(ISSUER).audience("ledger-api").subject("ed-8")
                    .claim("cognito:groups", List.of("editor")).expiresIn(300))).status());
            assertEquals(200, read(sign(access("ledger-api"))).status());
            assertEquals(200, get("/v1/reports/" + Fixtures.A, null).send().status());
            assertEquals(401, read(sign(access("another-client"))).status());
            assertEquals(200, get("/v1/reports/" + Fixtures.A, null).as("an-3", "analyst").send().status());
        } finally {
            access.removeHandler(capture);
        }
        assertEquals(List.of("ed-8", "ed-7", "public", "unverified", "an-3"), principals);
    }
}
