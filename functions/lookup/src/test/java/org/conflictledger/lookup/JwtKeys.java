package org.conflictledger.lookup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh RSA key pair per test run: the function verifies bearer tokens with the public key
 * (mp.jwt.verify.publickey); tests sign with the private one, read back from the configuration.
 * Nothing secret is committed.
 */
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    static final String PRIVATE_KEY = "test.jwt.private-key";
    static final String OTHER_PRIVATE_KEY = "test.jwt.other-private-key";

    @Override
    public Map<String, String> start() {
        KeyPair pair = generate();
        KeyPair other = generate();
        String pub = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return Map.of("mp.jwt.verify.publickey", pub,
                PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                OTHER_PRIVATE_KEY, Base64.getEncoder().encodeToString(other.getPrivate().getEncoded()));
    }

    @Override
    public void stop() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
