package org.conflictledger.store;


/**
 * DynamoDB refused a request for a reason a retry cannot change (ValidationException such as an
 * item over 400 KB, a missing table, denied access). Unlike {@link StorageUnavailableException}
 * this is never answered with "retry": the same request would fail the same way forever.
 */
public class StorageRejectedException extends RuntimeException {
    public StorageRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
