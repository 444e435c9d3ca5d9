package org.conflictledger.http;


/** A request that must end with a given problem (401, 403, 404, 409, 413, 422, 428 ...). */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException unauthorized() {
        return new ApiException(Problem.of(401, "unauthorized", "Unauthorized", "a valid bearer token is required"));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(Problem.of(413, "too-large", "Content too large", detail));
    }

    /** The same Idempotency-Key came with another request body (docs/api.md, "Idempotency"). */
    public static ApiException idempotencyKeyReused() {
        return new ApiException(Problem.of(422, "idempotency-key-reused", "Unprocessable content",
                "this Idempotency-Key was already used with a different request body"));
    }

    public static ApiException preconditionRequired(String detail) {
        return new ApiException(Problem.of(428, "precondition-required", "Precondition required", detail));
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(Problem.of(412, "stale-revision", "Precondition failed", detail));
    }
}
