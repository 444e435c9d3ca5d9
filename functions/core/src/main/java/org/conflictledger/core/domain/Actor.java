package org.conflictledger.core.domain;

public record Actor(String name, ActorType type, Side side) {
}
