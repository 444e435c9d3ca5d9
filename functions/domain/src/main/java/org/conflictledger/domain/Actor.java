package org.conflictledger.domain;


public record Actor(String name, ActorType type, Side side) {
}
