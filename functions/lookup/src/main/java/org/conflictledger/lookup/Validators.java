package org.conflictledger.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.conflictledger.domain.Principal;

/**
 * Validators and cache headers of the single-report routes (docs/lookup.md, "Caching and
 * validators"). The full view of revision N is {@code "N"}, the If-Match value that writes take
 * (docs/api.md); a redacted view has its own strong tag, a digest of its bytes, because it also
 * depends on the report's current protection and precision.
 */
final class Validators {

    /** Authenticated reads: only the caller's own cache, and revalidated before reuse. */
    static final String PRIVATE = "private, no-cache";
    /** Public reads: any cache may keep them but must revalidate (a correction may protect a source). */
    static final String PUBLIC = "no-cache";
    /** Every response of these routes depends on the caller's Authorization (and Accept: 406). */
    static final String VARY = "Accept, Authorization";

    private Validators() {
    }

    /** The opaque tag (without quotes) of a view of revision {@code revision}. */
    static String tag(int revision, boolean full, String body) {
        if (full) {
            return Integer.toString(revision);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return revision + "-r" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String cacheControl(Principal who) {
        return who.isPublic() ? PUBLIC : PRIVATE;
    }

    /**
     * True when an If-None-Match field (possibly split into several values) matches {@code tag}:
     * {@code *}, or a listed entity tag whose opaque part equals it (RFC 9110's weak comparison, so
     * {@code W/"3"} matches too). A malformed field matches nothing: the full response is sent.
     */
    static boolean noneMatch(List<String> fields, String tag) {
        if (fields == null) {
            return false;
        }
        for (String field : fields) {
            int i = 0;
            int n = field.length();
            while (i < n) {
                char c = field.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                } else if (c == '*') {
                    return true;
                } else {
                    if (field.startsWith("W/", i)) {
                        i += 2;
                    }
                    if (i >= n || field.charAt(i) != '"') {
                        break; // malformed: ignore the rest of this value
                    }
                    int end = field.indexOf('"', i + 1);
                    if (end < 0) {
                        break;
                    }
                    if (field.substring(i + 1, end).equals(tag)) {
                        return true;
                    }
                    i = end + 1;
                }
            }
        }
        return false;
    }
}
