package org.conflictledger.domain.json;


/**
 * The byte budget of one response. Lambda rejects a synchronous response over 6 MB (the whole
 * envelope: status, headers and the body as a JSON string) as a function error, which API Gateway
 * turns into a bare 500. A page therefore stops early when its next item would take it past
 * {@link #BYTES}; its cursor continues where it stopped (docs/lookup.md, "Response size").
 *
 * <p>Sizes are counted as the body will travel: UTF-8 bytes, plus one byte for every {@code "}
 * and {@code \} that the envelope escapes. One instance meters one response.
 */
public final class ResponseBudget {

    /** Lambda's limit on a synchronous invocation's response: 6 MB. */
    public static final long LAMBDA_RESPONSE_LIMIT = 6L * 1024 * 1024;

    /** What a page's items may take: 5 MiB less headroom for the envelope, headers and wrapper. */
    public static final long BYTES = 5L * 1024 * 1024 - 256 * 1024;

    private final long limit;
    private long used;
    private int admitted;

    public ResponseBudget() {
        this(BYTES);
    }

    public ResponseBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Counts {@code piece} (an item's encoded form) if it fits, and says whether it did. The first
     * piece always fits, so that a page is never empty because of one large item.
     */
    public boolean admit(CharSequence piece) {
        long cost = encodedSize(piece) + 1; // the separator
        if (admitted > 0 && used + cost > limit) {
            return false;
        }
        used += cost;
        admitted++;
        return true;
    }

    /** True when a body already at {@code used} encoded bytes would pass {@link #BYTES} by adding {@code adding}. */
    public static boolean exceeds(long used, long adding) {
        return used + adding > BYTES;
    }

    /** Bytes counted so far. */
    public long used() {
        return used;
    }

    /** The bytes {@code text} takes inside the Lambda response envelope (a JSON string). */
    public static long encodedSize(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20) {
                n += 6; // \\u00XX
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
