package org.corral.ui.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed command into argv the way a person expects (words, "double" and 'single'
 * quotes, backslash escapes) without a shell: the launcher executes argv arrays, never
 * {@code sh -c} with someone's text.
 */
public final class Argv {
    private Argv() {}

    /** @throws IllegalArgumentException on an unclosed quote or a trailing backslash */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0;
                else cur.append(c);
            } else if (quote == '"') {
                if (c == '"') quote = 0;
                else if (c == '\\' && i + 1 < text.length() && "\"`$\\".indexOf(text.charAt(i + 1)) >= 0) cur.append(text.charAt(++i));
                else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) throw new IllegalArgumentException("the command ends with a lone backslash");
                cur.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("a " + (quote == '"' ? "double" : "single") + " quote is not closed");
        if (inWord) out.add(cur.toString());
        return out;
    }
}
