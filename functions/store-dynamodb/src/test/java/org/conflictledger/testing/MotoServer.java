package org.conflictledger.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * A real DynamoDB-API server for tests: moto_server on a free loopback port, stopped through its
 * process handle. One per JVM (test run); tables are created per test class.
 */
public final class MotoServer {

    private static MotoServer shared;

    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            MotoServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return shared;
    }

    public static MotoServer start() {
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto", ".log");
            Process p = new ProcessBuilder("python3", script().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            String endpoint = "http://127.0.0.1:" + port;
            awaitReady(p, endpoint, log);
            return new MotoServer(p, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server through python3 (is moto installed? see README)", e);
        }
    }

    /**
     * moto_server with its DynamoDB writes serialised (serial_moto.py says why: moto's rollback of a
     * cancelled transaction undid concurrent writers' writes), written out once per JVM.
     */
    private static synchronized Path script() throws IOException {
        if (script == null) {
            Path f = Files.createTempFile("serial_moto", ".py");
            try (InputStream in = MotoServer.class.getResourceAsStream("serial_moto.py")) {
                Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            }
            f.toFile().deleteOnExit();
            script = f;
        }
        return script;
    }

    private static Path script;

    public String endpoint() {
        return endpoint;
    }

    public void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static void awaitReady(Process p, String endpoint, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                if (c.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        p.destroy();
        throw new IllegalStateException("moto_server did not start within 30 s: " + Files.readString(log));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
