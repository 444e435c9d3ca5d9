package org.conflictledger.domain;

import java.time.Instant;
import java.util.Locale;

/** One entry of the change feed. */
public record Change(String id, int revision, Status status, Kind change, Instant at) {

    public enum Kind {
        CREATED, CORRECTED, REVIEWED, RETRACTED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
