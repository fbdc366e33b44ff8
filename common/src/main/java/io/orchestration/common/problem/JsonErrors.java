package io.orchestration.common.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.stream.Collectors;

/** Turns Jackson's errors into short sentences a caller can act on, without class names. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The JSON path of the field at fault, e.g. {@code endpoints.besuRpc} or {@code regions[1]}; empty for the whole body. */
    public static String fieldOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    /** What is wrong, in one line. */
    public static String messageOf(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' (known fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        String message = firstLine(e.getOriginalMessage());
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            int list = message.indexOf('[');
            return "'" + invalid.getValue() + "' is not one of " + (list >= 0 ? message.substring(list) : "the accepted values");
        }
        // Drop package names: "`java.lang.Boolean`" reads better as "Boolean".
        return message.replaceAll("`(?:[\\w$]+\\.)*([\\w$]+)`", "$1");
    }

    /** Field and message together, with the position for syntax errors. */
    public static String describe(JsonProcessingException e) {
        String field = fieldOf(e);
        if (!field.isEmpty()) {
            return "Field '" + field + "': " + messageOf(e);
        }
        JsonLocation where = e.getLocation();
        return where == null || where.getLineNr() < 0
                ? messageOf(e)
                : messageOf(e) + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable JSON";
        }
        int cut = text.indexOf('\n');
        return cut > 0 ? text.substring(0, cut) : text;
    }
}
