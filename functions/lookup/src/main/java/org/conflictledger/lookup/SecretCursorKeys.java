package org.conflictledger.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.conflictledger.http.Cursors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The cursor HMAC keys from a Secrets Manager secret (docs/deploy.md, "Cursor key and rotation"):
 * AWSCURRENT signs, AWSPREVIOUS is still accepted. Read once at start-up (a failure there fails the
 * function's init); read again when the keys are older than {@code maxAge} (checked on use), and
 * when a cursor's signature matches neither key, at most once per {@code minRefreshInterval} so
 * forged cursors cannot turn into a flood of Secrets Manager calls. A failed re-read keeps the
 * keys it has and is logged.
 */
final class SecretCursorKeys implements Cursors.KeySource {

    private static final Logger LOG = Logger.getLogger(SecretCursorKeys.class);

    private record Snapshot(List<byte[]> keys, String currentVersion, Instant readAt) {
    }

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration minRefreshInterval;
    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt;

    SecretCursorKeys(SecretsManagerClient client, String secretId, Clock clock, Duration maxAge,
            Duration minRefreshInterval) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
        this.maxAge = maxAge;
        this.minRefreshInterval = minRefreshInterval;
        this.lastAttempt = clock.instant();
        this.snapshot = read(); // throws: no usable key, no function
    }

    @Override
    public List<byte[]> keys() {
        Snapshot s = snapshot;
        if (Duration.between(s.readAt(), clock.instant()).compareTo(maxAge) > 0) {
            reread();
        }
        return snapshot.keys();
    }

    @Override
    public boolean refresh() {
        return reread();
    }

    private synchronized boolean reread() {
        Instant now = clock.instant();
        if (Duration.between(lastAttempt, now).compareTo(minRefreshInterval) < 0) {
            return false;
        }
        lastAttempt = now;
        String before = snapshot.currentVersion();
        try {
            snapshot = read();
        } catch (SdkException | IllegalArgumentException e) {
            // Keep serving with the keys we have; the next attempt comes after minRefreshInterval.
            LOG.warnf("cursor key secret could not be re-read, keeping the current keys: %s", e.toString());
            snapshot = new Snapshot(snapshot.keys(), before, now);
            return false;
        }
        boolean changed = !snapshot.currentVersion().equals(before);
        if (changed) {
            LOG.infof("cursor key secret rotated: now signing with version %s", snapshot.currentVersion());
        }
        return changed;
    }

    private Snapshot read() {
        GetSecretValueResponse current = client.getSecretValue(b -> b.secretId(secretId).versionStage("AWSCURRENT"));
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(Cursors.check(current.secretString()));
        try {
            GetSecretValueResponse previous = client.getSecretValue(b -> b.secretId(secretId).versionStage("AWSPREVIOUS"));
            if (previous.secretString() != null && previous.secretString().length() >= Cursors.MIN_KEY_BYTES) {
                keys.add(Cursors.check(previous.secretString()));
            }
        } catch (ResourceNotFoundException e) {
            // Never rotated: there is no AWSPREVIOUS version.
        }
        return new Snapshot(List.copyOf(keys), current.versionId(), clock.instant());
    }
}
