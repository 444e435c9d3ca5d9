package org.conflictledger.core.web;

import org.conflictledger.core.storage.StaleRevisionException;
import org.conflictledger.core.storage.StorageUnavailableException;
import org.conflictledger.core.validation.InvalidInputException;

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
        if (e instanceof StaleRevisionException) {
            return Problem.of(412, "stale-revision", "Precondition failed",
                    "the report has a newer revision than If-Match names; fetch it and retry");
        }
        if (e instanceof StorageUnavailableException) {
            return Problem.of(503, "storage-unavailable", "Service unavailable",
                    "storage is throttled or unavailable; nothing was written. Retry after the delay given");
        }
        return Problem.of(500, "internal", "Internal error", "an unexpected error occurred");
    }

    public static boolean retryable(Problem p) {
        return p.status() == 503;
    }
}
