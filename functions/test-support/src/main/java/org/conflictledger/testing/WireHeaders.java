package org.conflictledger.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.conflictledger.domain.json.Json;

/**
 * Checks what a response looks like to a strict third-party client (Node's HTTP parser, curl): the
 * raw Lambda response the handler returns, and the bytes the mock event server's HTTP port sends.
 * No hop-by-hop header, no empty value, no stray white space, a length that is the body's.
 */
public final class WireHeaders {

    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "te", "trailer", "upgrade");
    /** "name: value" with a token name, exactly one space, and a value without leading or trailing white space. */
    private static final Pattern LINE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+: [^\\s](.*[^\\s])?");

    private WireHeaders() {
    }

    /** Posts a raw event to /_lambda_ and returns the raw Lambda response (APIGatewayV2HTTPResponse JSON). */
    public static JsonNode lambda(String rawEvent) {
        String raw = given().contentType(ContentType.JSON).body(rawEvent.getBytes(StandardCharsets.UTF_8))
                .post("/_lambda_").then().extract().asString();
        try {
            return Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw new AssertionError("not a Lambda response: " + raw, e);
        }
    }

    /** The body bytes of a raw Lambda response. */
    public static byte[] body(JsonNode response) {
        String body = response.path("body").asText("");
        return response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /** Every header of a raw Lambda response is one a client may receive, and content-length is the body's. */
    public static void assertClean(JsonNode response) {
        List<String> lengths = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(h -> {
            check(h.getKey(), h.getValue().asText(null), response);
            if (h.getKey().equalsIgnoreCase("content-length")) {
                lengths.add(h.getValue().asText());
            }
        });
        response.path("multiValueHeaders").fields().forEachRemaining(h -> {
            assertTrue(h.getValue().isArray() && !h.getValue().isEmpty(), h.getKey() + ": " + response);
            h.getValue().forEach(v -> check(h.getKey(), v.asText(null), response));
            if (h.getKey().equalsIgnoreCase("content-length")) {
                lengths.add(h.getValue().get(0).asText());
            }
        });
        if (response.hasNonNull("body")) {
            assertEquals(List.of(Integer.toString(body(response).length)), lengths, "content-length: " + response.path("headers"));
        }
    }

    private static void check(String name, String value, JsonNode response) {
        assertFalse(HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)), "hop-by-hop header " + name + ": " + response.path("headers"));
        assertNotNull(value, name);
        assertTrue(LINE.matcher(name + ": " + value).matches(), "header '" + name + ": " + value + "'");
        if (name.equalsIgnoreCase("vary")) {
            for (String element : value.split(",")) {
                assertEquals(element.strip(), element, "vary element '" + element + "'");
            }
        }
    }

    /** A response as read off the socket: status, header lines exactly as sent, body. */
    public record HttpReply(int status, List<String> headerLines, byte[] body) {
        public List<String> values(String name) {
            List<String> out = new ArrayList<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    out.add(line.substring(colon + 1).strip());
                }
            }
            return out;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * An HTTP/1.1 request on a plain socket to the mock event server's port (RestAssured's), keep-alive
     * as Node and curl send it. The body is read by content-length only: a response without one, or
     * one that stops short, fails here instead of hanging.
     */
    public static HttpReply http(String method, String target, Map<String, String> headers) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed inside the header: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String> headerLines = List.of(lines).subList(1, lines.length);
            HttpReply reply = new HttpReply(status, headerLines, new byte[0]);
            List<String> length = reply.values("content-length");
            assertEquals(1, length.size(), "exactly one content-length: " + headerLines);
            int n = Integer.parseInt(length.get(0));
            byte[] body = new byte[n];
            int read = 0;
            try {
                while (read < n) {
                    int r = in.read(body, read, n - read);
                    if (r < 0) {
                        break;
                    }
                    read += r;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the body stopped after " + read + " of " + n + " bytes: " + headerLines);
            }
            assertEquals(n, read, "body bytes: " + headerLines);
            return new HttpReply(status, headerLines, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every header line sent on the port is well-formed, non-empty and not hop-by-hop. */
    public static void assertClean(HttpReply reply) {
        for (String line : reply.headerLines()) {
            assertTrue(LINE.matcher(line).matches(), "header line '" + line + "'");
            String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
            assertFalse(HOP_BY_HOP.contains(name), "hop-by-hop header '" + line + "' in " + reply.headerLines());
        }
    }
}
