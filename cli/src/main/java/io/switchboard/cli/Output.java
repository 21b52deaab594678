package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Tables and colours for people (colours only when stdout is a terminal), JSON for scripts. */
public final class Output {
    private static final String RESET = "\u001b[0m";
    private final Environment environment;

    public Output(Environment environment) {
        this.environment = environment;
    }

    public PrintWriter out() {
        return environment.out();
    }

    public void json(JsonNode node) {
        environment.out().println(Json.pretty(node));
    }

    public void line(String text) {
        environment.out().println(text);
    }

    public String green(String text) {
        return colour("32", text);
    }

    public String red(String text) {
        return colour("31", text);
    }

    public String yellow(String text) {
        return colour("33", text);
    }

    public String bold(String text) {
        return colour("1", text);
    }

    /** A word coloured by what it says: OK and PRODUCTIVE green, failures red, the rest as it is. */
    public String state(String word) {
        return switch (word) {
            case "OK", "PRODUCTIVE", "INFO" -> green(word);
            case "ERROR", "TIMEOUT", "REJECTED" -> red(word);
            case "MODIFIED", "WARN", "DRAFT" -> yellow(word);
            default -> word;
        };
    }

    private String colour(String code, String text) {
        return environment.terminal() ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** Prints rows under headers, each column as wide as its widest cell (colour codes not counted). */
    public void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], visible(cell(row, i)).length());
            }
        }
        printRow(headers.stream().map(this::bold).toList(), headers, widths);
        for (List<String> row : rows) {
            printRow(row, row, widths);
        }
    }

    private void printRow(List<String> shown, List<String> plain, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cell(shown, i);
            text.append(cell);
            if (i < widths.length - 1) {
                text.append(" ".repeat(widths[i] - visible(cell(plain, i)).length() + 2));
            }
        }
        environment.out().println(text.toString().stripTrailing());
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }

    private static String visible(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
