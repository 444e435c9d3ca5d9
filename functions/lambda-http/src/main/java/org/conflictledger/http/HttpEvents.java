package org.conflictledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.json.FlattenArrays;

/**
 * How the HTTP functions read API Gateway v2 events and write their responses: list-valued JWT
 * claims are accepted (see {@link org.conflictledger.domain.json.FlattenArrays}), every event is made
 * one the HTTP bridge can dispatch ({@link #usable}), and every response leaves with clean headers
 * ({@link #clean}). Plain Jackson over the Lambda event model; each function's
 * ObjectMapperCustomizer installs it, and the Lambda runtime reads events and writes responses
 * with a copy of that mapper.
 */
public final class HttpEvents {

    private HttpEvents() {
    }

    public static void install(ObjectMapper mapper) {
        mapper.addHandler(new FlattenArrays());
        mapper.registerModule(new SimpleModule("usable-http-events").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                                                          JsonDeserializer<?> deserializer) {
                return desc.getBeanClass() == APIGatewayV2HTTPEvent.class ? new Usable(deserializer) : deserializer;
            }
        }).setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription desc,
                                                      JsonSerializer<?> serializer) {
                return desc.getBeanClass() == APIGatewayV2HTTPResponse.class
                        ? new StdDelegatingSerializer(new Clean(), desc.getType(), serializer) : serializer;
            }
        }));
    }

    private static final class Clean extends StdConverter<Object, Object> {
        @Override
        public Object convert(Object value) {
            return value instanceof APIGatewayV2HTTPResponse r ? clean(r) : value;
        }
    }

    /** Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection, never a Lambda response. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade");
    /** Headers whose value is a comma-separated list (RFC 9110 #list): elements are written "a,b". */
    private static final Set<String> LISTS = Set.of("vary", "cache-control", "allow", "content-encoding",
            "content-language", "access-control-allow-headers", "access-control-allow-methods",
            "access-control-expose-headers", "accept-ranges", "accept-patch");

    /**
     * The response as it may leave the function (docs/reliability.md, "Issue 12 hardening"). The
     * Quarkus HTTP bridge copies the Vert.x response's headers: a body over its 8 KiB output buffer
     * goes out chunked, and the bridge drops the value "chunked" but keeps the header, so the
     * response said {@code transfer-encoding: ""} and had no length (Quarkus issues #34750,
     * #44551); a request's {@code Connection: close} came back as a response header. A Lambda
     * response is one whole message: no hop-by-hop header, no empty value, list elements joined
     * with "," (the local mock server splits values at commas, so "Accept, Authorization" became
     * " Authorization"), and a content-length that is the body's length. Returns a copy.
     */
    public static APIGatewayV2HTTPResponse clean(APIGatewayV2HTTPResponse r) {
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(r.getStatusCode());
        out.setBody(r.getBody());
        out.setIsBase64Encoded(r.getIsBase64Encoded());
        out.setCookies(r.getCookies());
        Set<String> named = connectionTokens(r);
        Map<String, String> headers = new LinkedHashMap<>();
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((name, value) -> {
                String v = kept(name, value, named);
                if (v != null) {
                    headers.put(name, v);
                }
            });
        }
        Map<String, List<String>> multi = null;
        if (r.getMultiValueHeaders() != null) {
            multi = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> h : r.getMultiValueHeaders().entrySet()) {
                List<String> values = new ArrayList<>();
                if (h.getValue() != null) {
                    for (String value : h.getValue()) {
                        String v = kept(h.getKey(), value, named);
                        if (v != null) {
                            values.add(v);
                        }
                    }
                }
                if (!values.isEmpty()) {
                    multi.put(h.getKey(), values);
                }
            }
        }
        boolean hasLength = headers.keySet().stream().anyMatch("content-length"::equalsIgnoreCase)
                || (multi != null && multi.keySet().stream().anyMatch("content-length"::equalsIgnoreCase));
        if (!hasLength && r.getBody() != null) {
            headers.put("content-length", Long.toString(bodyLength(r.getBody(), r.getIsBase64Encoded())));
        }
        out.setHeaders(headers);
        out.setMultiValueHeaders(multi == null || multi.isEmpty() ? null : multi);
        return out;
    }

    private static Set<String> connectionTokens(APIGatewayV2HTTPResponse r) {
        Set<String> named = new HashSet<>();
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((name, value) -> {
                if ("connection".equalsIgnoreCase(name) && value != null) {
                    for (String token : value.split(",")) {
                        named.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                }
            });
        }
        return named;
    }

    /** The value to send, or null when the header must not be sent. */
    private static String kept(String name, String value, Set<String> named) {
        if (name == null || name.isBlank() || value == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (HOP_BY_HOP.contains(n) || named.contains(n)) {
            return null;
        }
        String v = value.trim();
        if (LISTS.contains(n)) {
            List<String> elements = new ArrayList<>();
            for (String e : v.split(",")) {
                if (!e.isBlank()) {
                    elements.add(e.trim());
                }
            }
            v = String.join(",", elements);
        }
        return v.isEmpty() ? null : v;
    }

    private static long bodyLength(String body, boolean base64) {
        if (base64) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            return body.length() / 4L * 3 - padding;
        }
        long bytes = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static final class Usable extends DelegatingDeserializer {
        Usable(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Usable(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object e = super.deserialize(p, ctxt);
            if (e instanceof APIGatewayV2HTTPEvent event) {
                usable(event);
            }
            return e;
        }
    }

    /**
     * The HTTP bridge builds a Netty/Vert.x request from the event and answers its own bare 500
     * (or a 400 without a problem document) when the path holds characters that a request line
     * may not (white space, quotes, a '%' without two hex digits) or a header value holds control
     * characters. API Gateway should never send such an event, but if one comes it must still end
     * in our 4xx problem: such path characters are percent-encoded (the path then names no route
     * or no report: 404), control characters in header values become U+FFFD (a header we read then
     * fails its own check: 400).
     */
    public static void usable(APIGatewayV2HTTPEvent e) {
        if (e.getRawPath() != null) {
            e.setRawPath(encode(e.getRawPath(), "/:@!$&'()*+,;=-._~"));
        }
        if (e.getRawQueryString() != null) {
            e.setRawQueryString(encode(e.getRawQueryString(), "/:@!$&'()*+,;=-._~?"));
        }
        if (e.getRequestContext() != null && e.getRequestContext().getHttp() != null
                && e.getRequestContext().getHttp().getPath() != null) {
            e.getRequestContext().getHttp().setPath(encode(e.getRequestContext().getHttp().getPath(), "/:@!$&'()*+,;=-._~"));
        }
        if (e.getHeaders() != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            e.getHeaders().forEach((k, v) -> headers.put(k, v == null ? null : controlFree(v)));
            e.setHeaders(headers);
        }
    }

    private static String encode(String s, String allowed) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || allowed.indexOf(c) >= 0
                    || (c == '%' && hex(s, i + 1) && hex(s, i + 2));
            if (ok) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.substring(0, i));
            }
            int cp = s.codePointAt(i);
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
            i += Character.charCount(cp) - 1;
        }
        return out == null ? s : out.toString();
    }

    private static boolean hex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    private static String controlFree(String v) {
        if (v.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        v.chars().forEach(c -> sb.append((c < 0x20 && c != '\t') || c == 0x7f ? '\uFFFD' : (char) c));
        return sb.toString();
    }
}
