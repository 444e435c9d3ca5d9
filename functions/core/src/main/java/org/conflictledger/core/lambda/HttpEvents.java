package org.conflictledger.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the HTTP functions read API Gateway v2 events: list-valued JWT claims are accepted (see
 * {@link org.conflictledger.core.json.FlattenArrays}) and every event is made one the HTTP bridge
 * can dispatch ({@link #usable}). Plain Jackson over the Lambda event model; each function's
 * ObjectMapperCustomizer installs it.
 */
public final class HttpEvents {

    private HttpEvents() {
    }

    public static void install(ObjectMapper mapper) {
        mapper.addHandler(new org.conflictledger.core.json.FlattenArrays());
        mapper.registerModule(new SimpleModule("usable-http-events").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                                                          JsonDeserializer<?> deserializer) {
                return desc.getBeanClass() == APIGatewayV2HTTPEvent.class ? new Usable(deserializer) : deserializer;
            }
        }));
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
            for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
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
