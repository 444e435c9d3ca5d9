package org.conflictledger.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.conflictledger.store.GazetteerStore;
import org.conflictledger.store.ImportStore;
import org.conflictledger.store.ReportStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The import function's own objects. S3 and Lambda clients take the SDK's standard configuration
 * (credentials chain, AWS_REGION, AWS_ENDPOINT_URL_S3 / _LAMBDA for local endpoints); path-style
 * addressing is on where the endpoint is moto_server (docs/imports.md).
 */
@ApplicationScoped
public class ImportBeans {

    @ConfigProperty(name = "ledger.table")
    String table;

    @ConfigProperty(name = "ledger.imports.bucket")
    String bucket;

    @ConfigProperty(name = "ledger.imports.path-style", defaultValue = "false")
    boolean pathStyle;

    @Produces
    @Singleton
    ImportStore importStore(DynamoDbClient db, Clock clock) {
        return new ImportStore(db, table, clock);
    }

    @Produces
    @Singleton
    GazetteerStore gazetteerStore(DynamoDbClient db, Clock clock) {
        return new GazetteerStore(db, table, clock);
    }

    @Produces
    @Singleton
    S3Client s3() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)))
                .forcePathStyle(pathStyle)
                .build();
    }

    @Produces
    @Singleton
    S3Presigner presigner() {
        S3Presigner.Builder b = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        // The presigner does not read AWS_ENDPOINT_URL_S3 itself: the URL must name the same endpoint.
        String endpoint = System.getProperty("aws.endpointUrlS3", System.getenv("AWS_ENDPOINT_URL_S3"));
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    @Produces
    @Singleton
    Uploads uploads(S3Client s3, S3Presigner presigner) {
        return new Uploads(s3, presigner, bucket);
    }

    @Produces
    @Singleton
    Importer importer(ImportStore imports, GazetteerStore places, ReportStore reports, Uploads uploads,
                      ImportSettings settings, Clock clock) {
        // The Lambda client is built on the first hand-over only: most imports never need one.
        Supplier<LambdaClient> lambda = new Supplier<>() {
            private LambdaClient client;

            @Override
            public synchronized LambdaClient get() {
                if (client == null) {
                    client = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                }
                return client;
            }
        };
        Importer[] self = new Importer[1];
        self[0] = new Importer(imports, places, reports, uploads, new Handoffs(settings, lambda, () -> self[0]), clock,
                settings::reserve, settings::recordEvery, settings::lease);
        return self[0];
    }
}
