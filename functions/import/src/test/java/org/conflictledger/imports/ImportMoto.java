package org.conflictledger.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.MotoServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** moto_server for DynamoDB and S3 (path-style), with the table and the uploads bucket. */
public class ImportMoto extends MotoResource {

    public static final String BUCKET = "ledger-uploads-test";

    @Override
    public Map<String, String> start() {
        // A clean moto per test class: moto copies every table on each transaction (its rollback),
        // so a store grown by earlier classes slows every write of the later ones.
        try {
            var c = (HttpURLConnection) URI.create(MotoServer.shared().endpoint() + "/moto-api/reset")
                    .toURL().openConnection();
            c.setRequestMethod("POST");
            c.getResponseCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(super.start());
        System.setProperty("aws.endpointUrlS3", MotoServer.shared().endpoint());
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException e) {
            // another test class of this run made it
        }
        config.put("ledger.imports.bucket", BUCKET);
        return config;
    }

    public static S3Client s3() {
        return S3Client.builder().forcePathStyle(true).build();
    }
}
