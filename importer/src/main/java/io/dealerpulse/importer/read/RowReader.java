package io.dealerpulse.importer.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/** Splits an input file into {@link SourceRow}s; knows the file format, not the stream's columns. */
public interface RowReader {

    /**
     * All rows of the file in file order. A row that cannot be split is returned as malformed, never
     * skipped; only blank lines are skipped.
     */
    List<SourceRow> read(BufferedReader in) throws IOException, FileFormatException;
}
