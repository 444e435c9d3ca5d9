package org.conflictledger.domain.validation;


/** One problem with one field, named by its path such as {@code place.admin1} or {@code figures[2].value}. */
public record FieldError(String field, String message) {
}
