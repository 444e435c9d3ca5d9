package org.conflictledger.http;

import java.util.List;
import org.conflictledger.domain.validation.FieldError;

/**
 * An RFC 9457 problem document. Plain data so that every function renders problems the same way;
 * {@code type} is a stable relative URI documented in the README.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      String existingId) {

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("/problems/" + slug, title, status, detail, null);
    }

    /** A duplicate externalId's 409 names the live report that has it (docs/api.md). */
    public Problem withExistingId(String id) {
        return new Problem(type, title, status, detail, errors, id);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem("/problems/validation", "Invalid request", 400, detail, errors);
    }
}
