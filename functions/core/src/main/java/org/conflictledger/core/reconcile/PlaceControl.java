package org.conflictledger.core.reconcile;

/** A named place and the actor that most recently took it. */
public record PlaceControl(String place, String actor) {
}
