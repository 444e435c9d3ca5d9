package org.conflictledger.store;


/** DynamoDB throttled or failed after the SDK's retries; nothing was written (or the write is idempotent to retry). */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
