package org.conflictledger.domain.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.domain.validation.ReportValidator;

/** Turns request bytes into a valid {@link Report}, or an {@link InvalidInputException} naming every field. */
public final class ReportReader {

    /** Fields the server owns; a client that sends them is told so instead of being ignored. */
    public static final Set<String> SERVER_OWNED =
            Set.of("id", "revision", "status", "submittedBy", "receivedAt", "updatedAt", "statusNote");

    private final ObjectMapper mapper = Json.mapper();
    private final ReportValidator validator;

    public ReportReader(ReportValidator validator) {
        this.validator = validator;
    }

    /** Parses JSON text into a tree: syntax, encoding, duplicate keys and nesting are checked here. */
    public JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        String text = utf8(body);
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException("body", "a JSON body is required");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInputException("body", malformed(e));
        } catch (IOException e) {
            throw new InvalidInputException("body", "unreadable body");
        }
    }

    /**
     * Decodes strictly: Jackson's own UTF-8 decoder lets overlong forms (C0 AF for '/') and code
     * points above U+10FFFF through, and guesses UTF-16/32; the contract is UTF-8 only.
     * A leading byte order mark is ignored (RFC 8259 section 8.1 allows that).
     */
    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "the body is not valid UTF-8");
        }
    }

    public Report read(byte[] body) {
        return read(tree(body), "");
    }

    /** Reads one report object; {@code prefix} names it inside a larger document (e.g. {@code reports[3].}). */
    public Report read(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw new InvalidInputException(prefix.isEmpty() ? "body" : stripDot(prefix), "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (SERVER_OWNED.contains(name)) {
                errors.add(new FieldError(prefix + name, "is owned by the server and cannot be sent"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the request sets fields that the server owns", errors);
        }
        Report report;
        try {
            report = mapper.treeToValue(node, Report.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the report does not have the expected shape", List.of(fieldError(e, prefix)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(prefix.isEmpty() ? "body" : stripDot(prefix), "invalid report");
        }
        errors.addAll(validator.validate(report).stream()
                .map(f -> new FieldError(prefix + f.field(), f.message()))
                .toList());
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the report breaks " + errors.size() + " rule(s)", errors);
        }
        return report;
    }

    public static FieldError fieldError(JsonProcessingException e, String prefix) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String field = prefix + (path.isEmpty() ? "" : path);
        if (field.isEmpty()) {
            field = "body";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldError(field, "unknown field '" + quote(u.getPropertyName()) + "'");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return new FieldError(field, "must be one of: " + allowed);
        }
        if (e instanceof InvalidFormatException f) {
            return new FieldError(field, "invalid value for " + typeName(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new FieldError(field, "wrong type: expected " + typeName(m.getTargetType()));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException) {
                // Jackson says "out of range of long (-9223372036854775808 - ...)": every whole number
                // of a report has the same range, so name it (issue 12, item 10).
                return new FieldError(field, "must be a whole number from 0 to " + ReportValidator.MAX_VALUE);
            }
        }
        return new FieldError(field, "invalid value");
    }

    /**
     * A syntax or parser-limit error in our words (issue 12, item 10): Jackson's own messages name
     * its classes, features and Java types. Where Jackson knows the position, the message gives it.
     */
    static String malformed(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonLocation loc = e.getLocation();
        String at = loc != null && loc.getLineNr() > 0
                ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth")) {
                return "malformed JSON: nesting deeper than " + Json.MAX_NESTING + " levels (a report needs 4)";
            }
            if (m.contains("Number value length") || m.contains("Number length")) {
                return "malformed JSON: a number of more than " + Json.MAX_NUMBER_LENGTH + " digits";
            }
            if (m.contains("String value length") || m.contains("String length")) {
                return "malformed JSON: a string of more than " + Json.MAX_STRING_LENGTH + " characters";
            }
            return "malformed JSON: beyond a size limit of this service";
        }
        if (m.startsWith("Duplicate field '")) {
            int end = m.indexOf("' for ");
            String name = m.substring("Duplicate field '".length(), end > 0 ? end : Math.max(m.lastIndexOf('\''),
                    "Duplicate field '".length()));
            return "malformed JSON" + at + ": duplicate field '" + quote(name) + "' (a field may appear once in an object)";
        }
        String reason;
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            reason = "the JSON ends before it is complete";
        } else if (m.startsWith("Non-standard token")) {
            reason = "NaN and Infinity are not JSON numbers";
        } else if (m.contains("CTRL-CHAR")) {
            reason = "a control character must be escaped (such as \\n or \\u0001) and may appear only in a string";
        } else if (m.startsWith("Trailing token")) {
            reason = "more follows the end of the JSON value";
        } else if (m.startsWith("Unexpected character") || m.startsWith("Unrecognized token")) {
            reason = "unexpected text: a value is a string in double quotes, a number, an object, an array, true,"
                    + " false or null, and a field name is a string in double quotes";
        } else {
            reason = "not valid JSON";
        }
        return "malformed JSON" + at + ": " + reason;
    }

    /** User text echoed in a message, cut short: a field name may be up to the parser's limit. */
    private static String quote(String s) {
        return s.length() <= 64 ? s : s.substring(0, Character.isHighSurrogate(s.charAt(63)) ? 63 : 64) + "…";
    }

    private static String typeName(Class<?> t) {
        if (t == null) {
            return "another type";
        }
        if (t == Long.class || t == Integer.class || t == long.class || t == int.class) {
            return "a whole number";
        }
        if (t == Double.class || t == double.class) {
            return "a number";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (t == Instant.class) {
            return "an ISO 8601 UTC instant such as 2024-11-29T18:00:00Z";
        }
        if (List.class.isAssignableFrom(t)) {
            return "an array";
        }
        if (t.isEnum()) {
            return "one of: " + Arrays.stream(t.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return "an object";
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String stripDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
