package studio.dqn.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a JSON file in a reader's words, with the line and column, never in
 * Jackson's ("Unexpected character ('}' (code 125)): expected a valid value (JSON String, …").
 */
public final class JsonErrors {

    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']{0,40})");
    private static final Pattern CHAR = Pattern.compile("(?:Unexpected character \\(|close marker )'(.)'");

    private JsonErrors() {
    }

    /** "line 3, column 14: …" for a JSON syntax error. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + what(e);
    }

    private static String what(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException || m.contains("exceeds the maximum")) {
            return "a value is far longer or more deeply nested than this kind of file ever holds";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "it has a field '" + shorten(u.getPropertyName()) + "' that this kind of file never has";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !m.contains("end-of-input")) {
            String path = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "'" + shorten(path) + "' holds a value of the wrong kind or is missing";
        }
        Matcher token = TOKEN.matcher(m);
        Matcher ch = CHAR.matcher(m);
        String c = ch.find() ? "'" + ch.group(1) + "'" : "a character";
        if (m.contains("end-of-input") && m.contains("closing quote")) {
            return "a text value is not closed with a double quote";
        }
        if (m.contains("end-of-input")) {
            return "the file ends before the settings are closed (a '}' or ']' is missing)";
        }
        if (token.find()) {
            return "'" + token.group(1) + "' is not a value: write numbers like 0.001, text in double quotes, "
                    + "and true, false or null as they are";
        }
        if (m.contains("double-quote to start field name")) {
            return c + " where a setting's name in double quotes should be (is there a comma too many?)";
        }
        if (m.contains("comma to separate")) {
            return "a comma is missing before " + c;
        }
        if (m.contains("expected a valid value")) {
            return "a value is missing before " + c;
        }
        if (m.contains("close marker")) {
            return c + " closes something that was never opened";
        }
        if (m.contains("Trailing token") || m.contains("trailing token")) {
            return "there is more after the settings' closing '}'";
        }
        if (m.contains("CTRL-CHAR") || m.contains("Illegal character") || m.contains("Invalid UTF-8")) {
            return "the file holds characters that are not text; it is not a settings file";
        }
        return "this is not valid JSON";
    }

    private static String shorten(String s) {
        String one = String.valueOf(s).replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
