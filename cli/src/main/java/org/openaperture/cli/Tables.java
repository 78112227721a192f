package org.openaperture.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns for people: left-aligned, as wide as their widest cell, {@code -} for nothing. */
final class Tables {

    private Tables() {}

    static void print(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = headers.stream().mapToInt(String::length).toArray();
        List<List<String>> cells = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> filled = row.stream().map(Tables::cell).toList();
            for (int i = 0; i < widths.length && i < filled.size(); i++) {
                widths[i] = Math.max(widths[i], filled.get(i).length());
            }
            cells.add(filled);
        }
        line(out, headers, widths);
        cells.forEach(row -> line(out, row, widths));
        out.flush();
    }

    static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    private static String cell(String value) {
        return value == null || value.isBlank() ? "-" : value.replace('\n', ' ');
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
