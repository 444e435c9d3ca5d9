package org.conflictledger.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Who said it. {@code protected} is a Java keyword, hence the one wire-name annotation in the
 * domain; a protected source's name and URL are hidden from the public.
 */
public record Source(
        SourceKind kind,
        String name,
        String url,
        Instant publishedAt,
        @JsonProperty("protected") Boolean protectedSource) {

    public boolean isProtected() {
        return Boolean.TRUE.equals(protectedSource);
    }
}
