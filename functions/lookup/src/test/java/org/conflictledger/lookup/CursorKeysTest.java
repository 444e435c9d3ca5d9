package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.conflictledger.http.Cursors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The start-up check of the cursor key and the rotation rules (docs/deploy.md, "Cursor key and rotation"). */
class CursorKeysTest {

    static final String KEY_1 = "first-cursor-key-0123456789abcdef";
    static final String KEY_2 = "second-cursor-key-0123456789abcdef";
    static final Duration MAX_AGE = Duration.ofMinutes(15);
    static final Duration MIN_REFRESH = Duration.ofMinutes(1);

    MotoSecrets moto;

    @BeforeEach
    void start() {
        moto = new MotoSecrets();
    }

    @AfterEach
    void stop() {
        moto.close();
    }

    static Optional<String> none() {
        return Optional.empty();
    }

    @Test
    void aShortKeyFailsTheStart() {
        // Before the fix the check ran when the first request created the bean: every request a 500.
        var plain = assertThrows(IllegalStateException.class,
                () -> CursorKeys.create(none(), Optional.of("fifteen-bytes!!"), MAX_AGE, MIN_REFRESH));
        assertTrue(plain.getMessage().contains("at least 16 bytes"), plain.getMessage());
        String arn = moto.create("short-key");
        var secret = assertThrows(IllegalStateException.class,
                () -> CursorKeys.create(Optional.of(arn), Optional.of(KEY_1), MAX_AGE, MIN_REFRESH));
        assertTrue(secret.getMessage().contains("at least 16 bytes") && secret.getMessage().contains(arn),
                secret.getMessage());
        // Sixteen bytes are enough.
        CursorKeys.create(none(), Optional.of("sixteen-bytes!!!"), MAX_AGE, MIN_REFRESH);
    }

    @Test
    void noKeyOrAnUnreadableSecretFailsTheStart() {
        assertThrows(IllegalStateException.class, () -> CursorKeys.create(none(), none(), MAX_AGE, MIN_REFRESH));
        String missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:no-such-secret-AbCdEf";
        var e = assertThrows(IllegalStateException.class,
                () -> CursorKeys.create(Optional.of(missing), Optional.of(KEY_1), MAX_AGE, MIN_REFRESH));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    @Test
    void theSecretWinsOverThePlainKey() {
        String arn = moto.create(KEY_1);
        Cursors fromSecret = CursorKeys.create(Optional.of(arn), Optional.of(KEY_2), MAX_AGE, MIN_REFRESH);
        String cursor = fromSecret.issue("k", "f", "p");
        assertEquals(Optional.of("p"), new Cursors(KEY_1).open("k", "f", cursor));
        assertEquals(Optional.empty(), new Cursors(KEY_2).open("k", "f", cursor));
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Counts GetSecretValue calls of the function's client. */
    static final class Calls implements ExecutionInterceptor {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            count.incrementAndGet();
        }
    }

    SecretCursorKeys keys(String arn, MutableClock clock, Calls calls) {
        SecretsManagerClient client = CursorKeys.clientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(calls)).build();
        return new SecretCursorKeys(client, arn, clock, MAX_AGE, MIN_REFRESH);
    }

    @Test
    void aRotationIsPickedUpOnTheFirstCursorOnlyTheNewKeySigned() {
        String arn = moto.create(KEY_1);
        MutableClock clock = new MutableClock();
        Calls calls = new Calls();
        Cursors cursors = new Cursors(keys(arn, clock, calls));
        String old = cursors.issue("k", "f", "old");
        moto.rotate(arn, KEY_2);
        String fromNewInstance = new Cursors(KEY_2).issue("k", "f", "new");

        // Within the minimum interval the instance does not re-read: the new key's cursor is refused.
        clock.now = clock.now.plusSeconds(30);
        int before = calls.count.get();
        assertEquals(Optional.empty(), cursors.open("k", "f", fromNewInstance));
        assertEquals(before, calls.count.get());

        clock.now = clock.now.plus(MIN_REFRESH);
        assertEquals(Optional.of("new"), cursors.open("k", "f", fromNewInstance));
        // Now it signs with the new key and still accepts cursors of the previous one.
        assertEquals(Optional.of("x"), new Cursors(KEY_2).open("k", "f", cursors.issue("k", "f", "x")));
        assertEquals(Optional.of("old"), cursors.open("k", "f", old));
    }

    @Test
    void forgedCursorsCauseAtMostOneReadPerInterval() {
        String arn = moto.create(KEY_1);
        MutableClock clock = new MutableClock();
        Calls calls = new Calls();
        Cursors cursors = new Cursors(keys(arn, clock, calls));
        String forged = new Cursors("an-attacker-guessed-this-key").issue("k", "f", "p");
        clock.now = clock.now.plus(MIN_REFRESH).plusSeconds(1);
        int before = calls.count.get();
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), cursors.open("k", "f", forged));
        }
        // One re-read: GetSecretValue for AWSCURRENT and for AWSPREVIOUS.
        assertEquals(2, calls.count.get() - before);
    }

    @Test
    void aRotationReachesAnIdleInstanceWithinMaxAge() {
        String arn = moto.create(KEY_1);
        MutableClock clock = new MutableClock();
        SecretCursorKeys keys = keys(arn, clock, new Calls());
        moto.rotate(arn, KEY_2);
        clock.now = clock.now.plus(MAX_AGE).minusSeconds(1);
        assertArrayEquals(KEY_1.getBytes(StandardCharsets.UTF_8), keys.keys().get(0));
        clock.now = clock.now.plusSeconds(2);
        assertArrayEquals(KEY_2.getBytes(StandardCharsets.UTF_8), keys.keys().get(0));
        assertArrayEquals(KEY_1.getBytes(StandardCharsets.UTF_8), keys.keys().get(1));
    }

    @Test
    void aFailedReReadKeepsTheKeys() {
        String arn = moto.create(KEY_1);
        MutableClock clock = new MutableClock();
        SecretCursorKeys keys = keys(arn, clock, new Calls());
        moto.client.deleteSecret(b -> b.secretId(arn).forceDeleteWithoutRecovery(true));
        clock.now = clock.now.plus(MAX_AGE).plusSeconds(1);
        assertArrayEquals(KEY_1.getBytes(StandardCharsets.UTF_8), keys.keys().get(0));
        assertFalse(keys.refresh());
    }
}
