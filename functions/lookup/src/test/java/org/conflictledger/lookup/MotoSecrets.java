package org.conflictledger.lookup;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.conflictledger.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * moto_server's Secrets Manager for the cursor-key tests. The test's own client is pinned to moto;
 * the function's client (CursorKeys.clientBuilder) gets there only through the SDK's standard
 * settings, set here as the system properties that mirror AWS_ENDPOINT_URL_SECRETS_MANAGER,
 * AWS_REGION and the access keys (the last three only when not set already; all left set, since
 * other test resources may rely on the same dummy values and moto_server is all this JVM talks to).
 */
final class MotoSecrets implements AutoCloseable {

    private static final Map<String, String> SDK_PROPERTIES = Map.of(
            "aws.region", "us-east-1", "aws.accessKeyId", "test", "aws.secretAccessKey", "test");

    final SecretsManagerClient client;

    MotoSecrets() {
        String endpoint = MotoServer.shared().endpoint();
        client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        System.setProperty("aws.endpointUrlSecretsManager", endpoint);
        SDK_PROPERTIES.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }

    /** A new secret holding {@code value}; its ARN. */
    String create(String value) {
        return client.createSecret(b -> b.name("cursor-key-" + UUID.randomUUID()).secretString(value)).arn();
    }

    /** What a rotation does in the end: a new AWSCURRENT version, the old one becomes AWSPREVIOUS. */
    void rotate(String arn, String value) {
        client.putSecretValue(b -> b.secretId(arn).secretString(value));
    }

    @Override
    public void close() {
        client.close();
    }
}
