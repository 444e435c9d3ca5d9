package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * GET routes have no API Gateway authorizer in AWS: the function verifies a bearer token itself.
 * Valid: the token's roles apply. Present but invalid: 401. Absent: the public view.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class JwtTest extends LookupTestBase {

    static LambdaEvents.Reply read(String id, String authorization) {
        var b = get("/v1/reports/" + id, null);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.send();
    }

    static PrivateKey key(String property) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(ConfigProvider.getConfig().getValue(property, String.class))));
    }

    @Test
    void aValidEditorTokenGivesTheFullView() {
        var r = read(Fixtures.A, "Bearer " + token("ed-1", JwtKeys.PRIVATE_KEY, "editor"));
        assertEquals(200, r.status(), r.body());
        assertEquals("rep-1", r.json().get("submittedBy").asText());
        assertEquals("شاهد عيان", r.json().at("/source/name").asText());
        assertTrue(r.json().at("/place").has("lat"));
    }

    @Test
    void aReporterTokenSeesItsOwnInFullAndOthersRedacted() {
        String t = "Bearer " + token("rep-1", JwtKeys.PRIVATE_KEY, "reporter");
        assertEquals("rep-1", read(Fixtures.A, t).json().get("submittedBy").asText());
        assertFalse(read(Fixtures.D, t).json().has("submittedBy"));
        assertFalse(read(Fixtures.D, t).json().at("/place").has("lat"));
    }

    @Test
    void scopesGiveRolesToo() throws Exception {
        String t = Jwt.issuer("https://issuer.ledger.test").audience("ledger-api").subject("svc")
                .claim("scope", "openid ledger-api/analyst").expiresIn(300).sign(key(JwtKeys.PRIVATE_KEY));
        assertTrue(read(Fixtures.A, "Bearer " + t).json().has("submittedBy"));
    }

    @Test
    void noTokenIsThePublic() {
        var r = read(Fixtures.A, null);
        assertEquals(200, r.status());
        assertFalse(r.json().has("submittedBy"));
        assertFalse(r.json().at("/source").has("name"));
        assertFalse(r.json().at("/place").has("lat"));
    }

    @Test
    void aTamperedTokenIs401NeverThePublicView() throws Exception {
        String good = token("ed-1", JwtKeys.PRIVATE_KEY, "editor");
        String[] parts = good.split("\\.");
        // Same signature, a payload that claims another subject.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("ed-1", "ed-2");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2];
        String flipped = good.substring(0, good.length() - 3) + (good.endsWith("A") ? "BBB" : "AAA");
        List<String> bad = List.of(
                "Bearer " + forged,
                "Bearer " + flipped,
                "Bearer " + token("ed-1", JwtKeys.OTHER_PRIVATE_KEY, "editor"),
                "Bearer " + Jwt.issuer("https://elsewhere.test").audience("ledger-api").subject("ed-1")
                        .claim("cognito:groups", List.of("editor")).expiresIn(300).sign(key(JwtKeys.PRIVATE_KEY)),
                "Bearer " + Jwt.issuer("https://issuer.ledger.test").audience("another-api").subject("ed-1")
                        .claim("cognito:groups", List.of("editor")).expiresIn(300).sign(key(JwtKeys.PRIVATE_KEY)),
                "Bearer " + Jwt.issuer("https://issuer.ledger.test").audience("ledger-api").subject("ed-1")
                        .claim("cognito:groups", List.of("editor")).issuedAt(1_700_000_000L).expiresAt(1_700_000_600L)
                        .sign(key(JwtKeys.PRIVATE_KEY)),
                "Bearer not.a.jwt",
                "Bearer ",
                "Basic ZWQ6cGFzc3dvcmQ=");
        for (String authorization : bad) {
            var r = read(Fixtures.A, authorization);
            assertProblem(r, 401);
            assertTrue(r.header("www-authenticate").startsWith("Bearer"), r.headers().toString());
            assertFalse(r.body().contains("rep-1"));
        }
        assertEquals(0, requests.total(), "nothing is read for a caller who is not who they claim");
    }

    @Test
    void everyGetRouteChecksTheToken() {
        String bad = "Bearer " + token("ed-1", JwtKeys.OTHER_PRIVATE_KEY, "editor");
        assertProblem(get("/v1/reports/" + Fixtures.A + "/revisions", null).header("Authorization", bad).send(), 401);
        assertProblem(get("/v1/reports", window("admin1=SY02")).header("Authorization", bad).send(), 401);
        assertProblem(get("/v1/reports", window("admin1=SY02")).header("Accept", "text/csv")
                .header("Authorization", bad).send(), 401);
        assertProblem(get("/v1/changes", "since=2024-01-01T00:00:00Z").header("Authorization", bad).send(), 401);
        String good = "Bearer " + token("an-1", JwtKeys.PRIVATE_KEY, "analyst");
        var csv = get("/v1/reports", window("admin1=SY02")).header("Accept", "text/csv").header("Authorization", good).send();
        assertTrue(csv.body().contains("rep-1"), "an analyst's export names submitters");
    }

    @Test
    void authorizerClaimsInTheEventComeFirst() {
        var r = get("/v1/reports/" + Fixtures.A, null).as("ed-1", "editor").send();
        assertEquals("rep-1", r.json().get("submittedBy").asText());
    }
}
