package org.conflictledger.core.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident paging cursors: base64url(payload || HMAC-SHA256(key, payload)). The
 * payload is {@code <kind>\n<fingerprint of the query>\n<position>}, so a cursor is valid only for
 * the route kind and the query parameters it was issued for. It is signed, not encrypted: it holds
 * nothing secret (a period start and a report id, or a feed key).
 */
public final class Cursors {

    private static final int MAC_BYTES = 32;
    /** Longest cursor accepted (and issued: positions are short). */
    public static final int MAX_CHARS = 2048;

    private final byte[] key;

    public Cursors(String key) {
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < 16) {
            throw new IllegalArgumentException("ledger.cursor-key must be at least 16 bytes");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(String kind, String fingerprint, String position) {
        byte[] payload = (kind + "\n" + fingerprint + "\n" + position).getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(payload);
        byte[] out = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac, 0, out, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The position, if {@code cursor} is one we issued for this kind and fingerprint; empty otherwise. */
    public Optional<String> open(String kind, String fingerprint, String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CHARS) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length <= MAC_BYTES) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        if (!MessageDigest.isEqual(mac, mac(payload))) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(kind) || !parts[1].equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(parts[2]);
    }

    /** A short digest of canonical query parameters. */
    public static String fingerprint(String canonical) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
