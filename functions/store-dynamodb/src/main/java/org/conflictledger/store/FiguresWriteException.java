package org.conflictledger.store;


/** DynamoDB refused a figures write for a reason retrying the same request will not fix. */
public class FiguresWriteException extends RuntimeException {
    public FiguresWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
