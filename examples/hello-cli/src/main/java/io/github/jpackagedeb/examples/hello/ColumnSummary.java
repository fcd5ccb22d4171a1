package io.github.jpackagedeb.examples.hello;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Summary of one CSV column. A column is a {@link NumberColumn} when every non-empty value is a
 * decimal number, a {@link DateColumn} when every non-empty value is an ISO date
 * ({@code 2026-03-01}), a {@link TextColumn} otherwise. Written as JSON with a {@code type}
 * property ({@code number}, {@code date}, {@code text}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ColumnSummary.NumberColumn.class, name = "number"),
    @JsonSubTypes.Type(value = ColumnSummary.DateColumn.class, name = "date"),
    @JsonSubTypes.Type(value = ColumnSummary.TextColumn.class, name = "text")
})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public sealed interface ColumnSummary {

    /**
     * Number of non-empty values.
     *
     * @return the count
     */
    long count();

    /**
     * Number of empty or absent values.
     *
     * @return the count
     */
    long missing();

    /**
     * A numeric column. Mean, median and standard deviation are rounded to 4 decimal places.
     *
     * @param count non-empty values
     * @param missing empty values
     * @param min smallest value
     * @param max largest value
     * @param mean arithmetic mean
     * @param median middle value (mean of the two middle values for an even count)
     * @param stddev sample standard deviation; absent with fewer than 2 values
     */
    @JsonPropertyOrder({"count", "missing", "min", "max", "mean", "median", "stddev"})
    record NumberColumn(long count, long missing, double min, double max, double mean,
            double median, OptionalDouble stddev) implements ColumnSummary {
    }

    /**
     * A date column.
     *
     * @param count non-empty values
     * @param missing empty values
     * @param min earliest date
     * @param max latest date
     */
    @JsonPropertyOrder({"count", "missing", "min", "max"})
    record DateColumn(long count, long missing, LocalDate min, LocalDate max) implements ColumnSummary {
    }

    /**
     * Any other column.
     *
     * @param count non-empty values
     * @param missing empty values
     * @param distinct number of different values
     * @param mostCommon the most frequent value (the alphabetically first one on a tie);
     *     absent when the column is empty
     */
    @JsonPropertyOrder({"count", "missing", "distinct", "mostCommon"})
    record TextColumn(long count, long missing, long distinct, Optional<String> mostCommon)
            implements ColumnSummary {
    }
}
