package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.ReportStore;
import org.conflictledger.testing.FaultInjector;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.RequestCounter;
import org.conflictledger.testing.Table;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Each test starts on a table holding exactly the fixtures, with zeroed request counts. */
abstract class LookupTestBase {

    @Inject
    DynamoDbClient db;

    @Inject
    RequestCounter requests;

    @Inject
    ReportStore store;

    @Inject
    FaultInjector faults;

    @BeforeEach
    void cleanSlate() {
        faults.disarm();
        Table.reset(db, MotoResource.TABLE);
        if (seeds()) {
            Fixtures.seed(store);
        }
        requests.reset();
    }

    /** False for tests that bring their own data. */
    boolean seeds() {
        return true;
    }

    static void assertProblem(LambdaEvents.Reply r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("content-type").startsWith("application/problem+json"), r.headers().toString());
        assertEquals(status, r.json().get("status").asInt(), r.body());
        assertTrue(r.json().hasNonNull("type") && r.json().hasNonNull("title") && r.json().hasNonNull("detail"), r.body());
    }

    static LambdaEvents.Builder get(String path, String query) {
        return LambdaEvents.request("GET", path).query(query == null ? "" : query);
    }

    static String window(String area) {
        return area + "&from=" + Fixtures.FROM + "&to=" + Fixtures.TO;
    }

    static List<String> ids(LambdaEvents.Reply r) {
        return Fixtures.ids(r.json().get("items"));
    }

    /** A plain SY02 period total (or one-day report) by "rep-9", written as the submit function writes it. */
    static StoredReport write(ReportStore store, String id, String start, String end) {
        String body = Fixtures.body(start.equals(end) ? "incident" : "period_total", "monitor", "Monitor " + id, false,
                start, end, "SYR", "SY02", null, "Aleppo", null, "admin1", "battles", "armed_clash", "Syrian Arab Army",
                Fixtures.killed(1), "Added during a walk", "en");
        var report = new ReportReader(new ReportValidator(
                Clock.systemUTC())).read(body.getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var r = new StoredReport(id, 1, Status.RECEIVED,
                "rep-9", now, now, null, report);
        store.create(r, null);
        return r;
    }

    /** A token as the identity provider would sign it. */
    static String token(String sub, String keyProperty, String... groups) {
        try {
            String pem = ConfigProvider.getConfig().getValue(keyProperty, String.class);
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return Jwt.issuer("https://issuer.ledger.test").audience("ledger-api").subject(sub)
                    .claim("cognito:groups", List.of(groups)).expiresIn(300).sign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
