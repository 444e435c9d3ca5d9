package org.conflictledger.lookup;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.conflictledger.http.Cursors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Where the cursor HMAC key comes from (docs/deploy.md, "Cursor key and rotation"). In AWS the
 * template sets LEDGER_CURSOR_SECRET_ARN and the key is read from Secrets Manager, never from the
 * environment; local runs and tests without an ARN use the plain config value ledger.cursor-key.
 * Either way the key is checked at start-up: a missing, unreadable or short key fails the
 * function's init instead of every request.
 */
@ApplicationScoped
public class CursorKeys {

    @ConfigProperty(name = "ledger.cursor-secret-arn")
    Optional<String> secretArn;

    @ConfigProperty(name = "ledger.cursor-key")
    Optional<String> plainKey;

    @ConfigProperty(name = "ledger.cursor-key.max-age", defaultValue = "PT15M")
    Duration maxAge;

    @ConfigProperty(name = "ledger.cursor-key.min-refresh-interval", defaultValue = "PT1M")
    Duration minRefreshInterval;

    @Produces
    @Singleton
    Cursors cursors() {
        return create(secretArn, plainKey, maxAge, minRefreshInterval);
    }

    /** Creates the Cursors bean during init, so that a bad key fails the start and not a request. */
    void onStart(@Observes StartupEvent ev, Cursors cursors) {
        cursors.issue("startup", "check", "");
    }

    static Cursors create(Optional<String> secretArn, Optional<String> plainKey, Duration maxAge,
            Duration minRefreshInterval) {
        try {
            if (secretArn.isPresent()) {
                return new Cursors(new SecretCursorKeys(clientBuilder().build(), secretArn.get(), Clock.systemUTC(), maxAge,
                        minRefreshInterval));
            }
            return new Cursors(plainKey.orElseThrow(() -> new IllegalArgumentException(
                    "set LEDGER_CURSOR_SECRET_ARN (in AWS) or ledger.cursor-key (local runs)")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("lookup cannot start without a usable cursor key"
                    + secretArn.map(a -> " (secret " + a + ")").orElse("") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SDK's standard configuration: region from AWS_REGION, credentials from the default chain,
     * a local endpoint only through AWS_ENDPOINT_URL_SECRETS_MANAGER (or aws.endpointUrlSecretsManager).
     */
    static SecretsManagerClientBuilder clientBuilder() {
        return SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
    }
}
