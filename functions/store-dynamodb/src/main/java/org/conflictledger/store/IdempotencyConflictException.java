package org.conflictledger.store;


/** The idempotency key was already used; {@link #existing()} says by what. */
public class IdempotencyConflictException extends RuntimeException {
    private final IdempotencyRecord existing;

    public IdempotencyConflictException(IdempotencyRecord existing) {
        super("idempotency key already used");
        this.existing = existing;
    }

    public IdempotencyRecord existing() {
        return existing;
    }
}
