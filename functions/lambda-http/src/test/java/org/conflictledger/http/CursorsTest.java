package org.conflictledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Signing with the first key, accepting any, and re-reading only when a signature matches none. */
class CursorsTest {

    static final String OLD = "old-cursor-key-0123456789";
    static final String NEW = "new-cursor-key-0123456789";

    /** A source that holds [OLD] until refreshed, then [NEW, OLD]. */
    static final class Rotating implements Cursors.KeySource {
        final AtomicInteger refreshes = new AtomicInteger();
        volatile List<byte[]> keys = List.of(bytes(OLD));

        @Override
        public List<byte[]> keys() {
            return keys;
        }

        @Override
        public boolean refresh() {
            refreshes.incrementAndGet();
            keys = List.of(bytes(NEW), bytes(OLD));
            return true;
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysShorterThan16BytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Cursors("fifteen-bytes!!"));
        assertThrows(IllegalArgumentException.class, () -> new Cursors((String) null));
        assertThrows(IllegalArgumentException.class, () -> new Cursors(() -> List.of(bytes("short"))));
        assertThrows(IllegalArgumentException.class, () -> new Cursors(List::of));
        new Cursors("sixteen-bytes!!!");
    }

    @Test
    void aSignatureNoKeyMatchesRefreshesOnceThenSignsWithTheNewKey() {
        Rotating source = new Rotating();
        Cursors cursors = new Cursors(source);
        String old = cursors.issue("k", "f", "1");
        assertEquals(Optional.of("1"), cursors.open("k", "f", old));
        // Wrong kind, malformed, or empty: no reason to re-read the key.
        assertEquals(Optional.empty(), cursors.open("other", "f", old));
        assertEquals(Optional.empty(), cursors.open("k", "f", "%%%"));
        assertEquals(0, source.refreshes.get());

        String fromNewKey = new Cursors(NEW).issue("k", "f", "2");
        assertEquals(Optional.of("2"), cursors.open("k", "f", fromNewKey));
        assertEquals(1, source.refreshes.get());
        assertEquals(Optional.of("3"), new Cursors(NEW).open("k", "f", cursors.issue("k", "f", "3")));
        assertEquals(Optional.of("1"), cursors.open("k", "f", old), "the previous key is still accepted");
        assertEquals(1, source.refreshes.get());
    }
}
