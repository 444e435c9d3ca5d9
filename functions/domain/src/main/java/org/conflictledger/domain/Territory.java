package org.conflictledger.domain;

import java.util.List;

/** Places changing control, for {@link Scope#TERRITORY_CHANGE} reports. */
public record Territory(
        Long placesCount, Qualifier qualifier, String toActor, String fromActor, List<String> places) {
}
