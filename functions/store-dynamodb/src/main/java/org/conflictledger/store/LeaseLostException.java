package org.conflictledger.store;


/**
 * Another invocation holds the import (or it is finished): this one must stop without writing
 * its progress, so that no chunk is counted twice (docs/imports.md, "How an import runs").
 */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
