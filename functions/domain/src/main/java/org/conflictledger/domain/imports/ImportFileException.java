package org.conflictledger.domain.imports;

/**
 * The whole file is bad (wrong encoding, not the format's header, missing required columns, an
 * unreadable gazetteer): the message says which, in words for the person who uploaded it.
 */
public final class ImportFileException extends Exception {

    public ImportFileException(String message) {
        super(message);
    }
}
