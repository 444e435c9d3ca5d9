package org.conflictledger.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident paging cursors: base64url(payload || HMAC-SHA256(key, payload)). The
 * payload is {@code <kind>\n<fingerprint of the query>\n<position>}, so a cursor is valid only for
 * the route kind and the query parameters it was issued for. It is signed, not encrypted: it holds
 * nothing secret (a period start and a report id, or a feed key).
 *
 * <p>The keys come from a {@link KeySource}: cursors are signed with the first key and accepted
 * with any of them (after a rotation, the previous key), so a rotated secret does not break the
 * cursors clients hold. A signature that no key matches asks the source to re-read once
 * (docs/deploy.md, "Cursor key and rotation").
 */
public final class Cursors {

    /** Shorter HMAC keys are refused (RFC 2104 asks for at least the hash output; 16 bytes is our floor). */
    public static final int MIN_KEY_BYTES = 16;
    private static final int MAC_BYTES = 32;
    /** Longest cursor accepted (and issued: positions are short). */
    public static final int MAX_CHARS = 2048;

    /** The HMAC keys: the signing key first, then keys that are still accepted. */
    public interface KeySource {
        List<byte[]> keys();

        /** Reads the keys again after a signature none of them matched; true when they changed. */
        default boolean refresh() {
            return false;
        }
    }

    private final KeySource keys;

    /** A fixed key (local runs and tests: the config value ledger.cursor-key). */
    public Cursors(String key) {
        this(fixed(key));
    }

    /** Fails at once (at start-up, where the bean is created) when the source has no usable key. */
    public Cursors(KeySource keys) {
        List<byte[]> initial = keys.keys();
        if (initial.isEmpty()) {
            throw new IllegalArgumentException("no cursor key");
        }
        initial.forEach(Cursors::check);
        this.keys = keys;
    }

    public static KeySource fixed(String key) {
        List<byte[]> list = List.of(check(key));
        return () -> list;
    }

    /** The key's bytes; IllegalArgumentException when it is missing or shorter than {@link #MIN_KEY_BYTES}. */
    public static byte[] check(String key) {
        if (key == null) {
            throw new IllegalArgumentException("the cursor key is missing");
        }
        return check(key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] check(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the cursor key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }

    public String issue(String kind, String fingerprint, String position) {
        byte[] payload = (kind + "\n" + fingerprint + "\n" + position).getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(keys.keys().get(0), payload);
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
        if (!signedByAny(keys.keys(), payload, mac) && !(keys.refresh() && signedByAny(keys.keys(), payload, mac))) {
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

    private static boolean signedByAny(List<byte[]> candidates, byte[] payload, byte[] mac) {
        for (byte[] key : candidates) {
            if (MessageDigest.isEqual(mac, mac(key, payload))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
