package io.dealerpulse.importer.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV with a header line naming the columns. The separator is a comma, or a semicolon when the
 * header has more semicolons than commas (spreadsheets saved with a French locale write those).
 * Values may be quoted ("..." with "" for a quote), which the opening-hours column needs.
 *
 * <p>Trade-off: one record per physical line. Quoted values spanning lines are not supported, so
 * that every row has an exact line number and a raw text for its dead letter; booking and survey
 * exports do not put line breaks in the columns we read. A line whose quotes do not close is
 * rejected as malformed rather than swallowing the lines after it.
 */
public final class CsvRowReader implements RowReader {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private final CsvMapper mapper = new CsvMapper();

    @Override
    public List<SourceRow> read(BufferedReader in) throws IOException, FileFormatException {
        String header = in.readLine();
        if (header != null && !header.isEmpty() && header.charAt(0) == BYTE_ORDER_MARK) {
            header = header.substring(1);
        }
        if (header == null || header.isBlank()) {
            throw new FileFormatException("the first line must be a header naming the columns, but it is empty");
        }
        char separator = count(header, ';') > count(header, ',') ? ';' : ',';
        ObjectReader lineReader = mapper.readerFor(String[].class)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator));
        List<String> columns = columns(header, lineReader);

        List<SourceRow> rows = new ArrayList<>();
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            rows.add(row(lineNumber, line, columns, lineReader));
        }
        return rows;
    }

    private static SourceRow row(int lineNumber, String line, List<String> columns, ObjectReader lineReader) {
        String[] values;
        try {
            values = lineReader.readValue(line);
        } catch (JsonProcessingException e) {
            return SourceRow.malformed(lineNumber, line, "cannot split the line into values ("
                    + e.getOriginalMessage() + "): check its quotes");
        } catch (IOException e) {
            return SourceRow.malformed(lineNumber, line, "cannot split the line into values: " + e.getMessage());
        }
        if (values.length != columns.size()) {
            return SourceRow.malformed(lineNumber, line, "the line has " + values.length + " values but the header has "
                    + columns.size() + " columns: quote values that contain the separator");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            fields.put(columns.get(i), values[i]);
        }
        return SourceRow.of(lineNumber, fields, line);
    }

    private static List<String> columns(String header, ObjectReader lineReader) throws FileFormatException {
        String[] names;
        try {
            names = lineReader.readValue(header);
        } catch (IOException e) {
            throw new FileFormatException("cannot read the header line: " + e.getMessage());
        }
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            String column = name.strip();
            if (column.isEmpty()) {
                throw new FileFormatException("the header has an empty column name at position " + (columns.size() + 1)
                        + ": name every column");
            }
            if (!seen.add(column)) {
                throw new FileFormatException("the header names column '" + column + "' twice: keep one");
            }
            columns.add(column);
        }
        return List.copyOf(columns);
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
