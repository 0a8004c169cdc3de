package studio.dqn.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
        if (e instanceof StreamConstraintsException) {
            return "a value is far longer or more deeply nested than any settings file has";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
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
}
