package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The production path: LEDGER_CURSOR_SECRET_ARN set, the key read from (moto's) Secrets Manager
 * through the SDK's standard configuration, the %test plain key ignored; and a rotation reaching
 * the running function as docs/deploy.md says.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
@QuarkusTestResource(value = CursorSecretTest.Secret.class, restrictToAnnotatedClass = true)
class CursorSecretTest extends LookupTestBase {

    static final String KEY_1 = "deployed-cursor-key-one-0123456789";
    static final String KEY_2 = "deployed-cursor-key-two-0123456789";

    public static class Secret implements QuarkusTestResourceLifecycleManager {
        static MotoSecrets moto;
        static String arn;

        @Override
        public Map<String, String> start() {
            moto = new MotoSecrets();
            arn = moto.create(KEY_1);
            // No minimum interval between re-reads here: the function started moments ago.
            return Map.of("ledger.cursor-secret-arn", arn, "ledger.cursor-key.min-refresh-interval", "PT0S");
        }

        @Override
        public void stop() {
            moto.close();
        }
    }

    static LambdaEvents.Reply page(String cursor) {
        return get("/v1/reports", window("admin1=SY02") + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).send();
    }

    static String next(LambdaEvents.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r.json().get("nextCursor").asText();
    }

    @Test
    void cursorsAreSignedWithTheSecretAndARotationIsPickedUp() {
        String plainTestKey = ConfigProvider.getConfig().getValue("ledger.cursor-key", String.class);
        String first = next(page(null));
        assertTrue(signedWith(first, KEY_1), "signed with the secret's value");
        assertFalse(signedWith(first, plainTestKey), "not with the %test plain key");
        List<String> secondPage = ids(page(first));

        Secret.moto.rotate(Secret.arn, KEY_2);
        // A cursor from an instance that already has the new key: this one re-reads and accepts it.
        var fromNewInstance = page(resign(first, KEY_2));
        assertEquals(secondPage, ids(fromNewInstance));
        assertTrue(signedWith(next(fromNewInstance), KEY_2), "now signing with the rotated key");
        // Cursors clients got before the rotation keep working (AWSPREVIOUS).
        assertEquals(secondPage, ids(page(first)));
        // A key that was never the secret's is refused.
        assertProblem(page(resign(first, "never-the-secret-0123456789")), 400);
    }

    static boolean signedWith(String cursor, String key) {
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        byte[] payload = Arrays.copyOf(raw, raw.length - 32);
        return MessageDigest.isEqual(Arrays.copyOfRange(raw, raw.length - 32, raw.length), mac(key, payload));
    }

    static String resign(String cursor, String key) {
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        byte[] payload = Arrays.copyOf(raw, raw.length - 32);
        byte[] out = Arrays.copyOf(payload, raw.length);
        System.arraycopy(mac(key, payload), 0, out, payload.length, 32);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    static byte[] mac(String key, byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
