package org.conflictledger.store;


/** The report moved on since the revision the caller based its change on. */
public class StaleRevisionException extends RuntimeException {
    public StaleRevisionException(String id) {
        super("report " + id + " has a newer revision");
    }
}
