package org.conflictledger.http;

import org.conflictledger.store.ExternalIdTakenException;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.store.StaleRevisionException;
import org.conflictledger.store.StorageRejectedException;
import org.conflictledger.store.StorageUnavailableException;

/** The one mapping from the service's exceptions to problem documents, shared by every HTTP function. */
public final class Problems {

    /** Seconds a client should wait after a 503: DynamoDB throttling usually clears within a second or two. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private Problems() {
    }

    public static Problem of(Throwable e) {
        if (e instanceof ApiException a) {
            return a.problem();
        }
        if (e instanceof InvalidInputException v) {
            return Problem.validation(v.getMessage(), v.errors());
        }
        if (e instanceof ExternalIdTakenException x) {
            return Problem.of(409, "conflict", "Conflict", x.existingId() == null
                    ? "another report had this externalId a moment ago; retry"
                    : "a live report already has this externalId: " + x.existingId()
                            + " (correct that report, or retract it to free the externalId)")
                    .withExistingId(x.existingId());
        }
        if (e instanceof StaleRevisionException) {
            return Problem.of(412, "stale-revision", "Precondition failed",
                    "the report has a newer revision than If-Match names; fetch it and retry");
        }
        if (e instanceof StorageUnavailableException) {
            return Problem.of(503, "storage-unavailable", "Service unavailable",
                    "storage is throttled or unavailable; retry after the delay given. Nothing is half-written:"
                            + " a change is stored whole or not at all");
        }
        if (e instanceof StorageRejectedException) {
            // Deterministic: a retry fails the same way, so no Retry-After and no "retry" (docs/reliability.md).
            return Problem.of(500, "storage-rejected", "Storage refused the request",
                    "storage refused this request for a reason that retrying will not change; it is logged"
                            + " for the operators");
        }
        return Problem.of(500, "internal", "Internal error", "an unexpected error occurred");
    }

    public static boolean retryable(Problem p) {
        return p.status() == 503;
    }

    /** Problems the HTTP framework raises before our code runs (no route, wrong method, media types). */
    public static Problem http(int status, String reason) {
        String detail = switch (status) {
            case 404 -> "no such route";
            case 405 -> "this route does not allow that method";
            case 406 -> "the Accept header names no media type this route produces";
            case 413 -> "the body is larger than this route accepts";
            case 415 -> "send the body as application/json";
            default -> "the request could not be handled";
        };
        return Problem.of(status, "http-" + status, reason == null ? "Error" : reason, detail);
    }

    public static String json(Problem p) {
        try {
            return Json.mapper().writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
