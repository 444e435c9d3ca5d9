package org.conflictledger.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A moto_server of the benchmark's own on a free loopback port, stopped by its process handle. */
final class Moto implements AutoCloseable {

    final Process process;
    final String endpoint;

    private Moto(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static Moto start(List<String> command, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String endpoint = "http://127.0.0.1:" + port;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(cmd + " exited; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                if (c.getResponseCode() > 0) {
                    return new Moto(p, endpoint);
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        p.destroy();
        throw new IllegalStateException(cmd + " did not start within 30 s");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
