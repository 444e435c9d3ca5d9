package org.conflictledger.core.web;

/**
 * How large a response body may grow. Lambda refuses a response document over 6 MB (6,291,456
 * bytes): API Gateway then answers a bare 500. The document is JSON that carries the body as a
 * string, so what counts is the body's size once JSON-escaped ({@link #encodedBytes}): a quote
 * or backslash takes two bytes, a control character up to six. Routes whose size depends on the
 * data stop a page before it would exceed {@link #BODY_BYTES} (docs/reliability.md, "Issue 12").
 */
public final class ResponseBudget {

    /** Lambda's limit for a synchronous invocation's response document. */
    public static final long LAMBDA_RESPONSE_LIMIT = 6L * 1024 * 1024;

    /** What the escaped body may take; the rest is for the status, headers (a cursor is at most 2 KiB) and envelope. */
    public static final long BODY_BYTES = LAMBDA_RESPONSE_LIMIT - 256 * 1024;

    private ResponseBudget() {
    }

    /** True when a body already at {@code used} escaped bytes would pass the budget by adding {@code adding}. */
    public static boolean exceeds(long used, long adding) {
        return used + adding > BODY_BYTES;
    }

    /** The UTF-8 size of {@code s} inside a JSON string, as the Lambda runtime's serializer escapes it. */
    public static long encodedBytes(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20) {
                // \n, \t, ... are two bytes; other control characters six (backslash, u, four hex digits). Count six: an upper bound.
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4; // with its low surrogate: one four-byte code point
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
