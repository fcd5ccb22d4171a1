package io.github.jpackagedeb.examples.hello;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * Summary statistics of one CSV file.
 *
 * @param file the file name as given on the command line
 * @param rows number of data rows (the header row excluded)
 * @param columns one summary per header column, in header order
 */
@JsonPropertyOrder({"file", "rows", "columns"})
public record StatsReport(String file, long rows, Map<String, ColumnSummary> columns) {

    /** Copies {@code columns}, keeping its order. */
    public StatsReport {
        columns = ImmutableMap.copyOf(columns);
    }
}
