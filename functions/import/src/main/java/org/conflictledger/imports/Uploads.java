package org.conflictledger.imports;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The uploads bucket (docs/imports.md): an import's file is the object {@code uploads/<id>.csv},
 * written by the client through a presigned PUT URL and read back in ranges by the importer.
 */
public final class Uploads implements Importer.Files {

    public static final String PREFIX = "uploads/";
    public static final String SUFFIX = ".csv";

    public record Url(String url, Instant expiresAt) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public Uploads(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    public static String key(String importId) {
        return PREFIX + importId + SUFFIX;
    }

    /** The import id of an object key, or null when the key is not an upload's. */
    public static String importId(String key) {
        if (key == null || !key.startsWith(PREFIX) || !key.endsWith(SUFFIX)) {
            return null;
        }
        String id = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
        return id.matches("[0-9A-Za-z]{1,64}") ? id : null;
    }

    /** A URL that lets its holder PUT this import's file, and nothing else, until it expires. */
    public Url presignPut(String importId, Duration validFor) {
        var req = presigner.presignPutObject(p -> p.signatureDuration(validFor)
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key(key(importId)).build()));
        return new Url(req.url().toString(), req.expiration());
    }

    @Override
    public Importer.Opened open(String importId, long offset) {
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key(importId));
        if (offset > 0) {
            get.range("bytes=" + offset + "-");
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(get.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 416 && offset > 0) {
                // Resumed exactly at the end of the file (the last chunk was recorded, then handed on):
                // nothing is left to read.
                return new Importer.Opened(InputStream.nullInputStream(), offset);
            }
            throw e;
        }
        GetObjectResponse r = in.response();
        long size = r.contentLength() == null ? 0 : r.contentLength() + offset;
        String range = r.contentRange();
        if (range != null && range.contains("/")) {
            size = Long.parseLong(range.substring(range.indexOf('/') + 1).trim());
        }
        return new Importer.Opened(in, size);
    }
}
