package io.github.jpackagedeb.examples.hello;

import com.google.common.base.Stopwatch;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.apache.commons.collections4.Bag;
import org.apache.commons.collections4.bag.HashBag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes {@link StatsReport}s from CSV text whose first row names the columns.
 * Values are trimmed; an empty value counts as missing.
 */
public final class CsvStats {

    private static final Logger LOG = LoggerFactory.getLogger(CsvStats.class);

    private static final int DECIMALS = 4;

    private final CSVFormat format;

    /**
     * Creates a reader of CSV with the given field delimiter.
     *
     * @param delimiter the field delimiter, usually {@code ,} or {@code ;}
     */
    public CsvStats(char delimiter) {
        this.format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(false)
                .get();
    }

    /**
     * Reads all rows and summarises every column.
     *
     * @param fileName the name to show in the report and in error messages
     * @param csv the CSV text; not closed by this method
     * @return the report
     * @throws HelloCliException when the text is not CSV with a header row
     */
    public StatsReport compute(String fileName, Reader csv) {
        Stopwatch watch = Stopwatch.createStarted();
        List<String> header;
        List<List<String>> values = new ArrayList<>();
        long rows = 0;
        try {
            CSVParser parser = CSVParser.builder().setReader(csv).setFormat(format).get();
            header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new HelloCliException(fileName + " has no header row: the first line must name the columns,"
                        + " for example: date,city,temperature_c");
            }
            header.forEach(name -> values.add(new ArrayList<>()));
            for (CSVRecord record : parser) {
                rows++;
                if (record.size() != header.size()) {
                    LOG.warn("{} row {} has {} fields where the header has {}; {}", fileName, record.getRecordNumber(),
                            record.size(), header.size(),
                            record.size() < header.size() ? "the missing fields count as missing" : "the extra fields are ignored");
                }
                for (int i = 0; i < header.size(); i++) {
                    values.get(i).add(i < record.size() ? record.get(i).strip() : "");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new HelloCliException("cannot parse " + fileName + " as CSV: " + e.getMessage()
                    + " (is the delimiter right? see --delimiter)", e);
        } catch (IllegalArgumentException e) {
            // commons-csv reports a bad header (duplicate or empty column names) this way
            throw new HelloCliException("cannot use the header row of " + fileName + ": " + e.getMessage(), e);
        }
        ImmutableMap.Builder<String, ColumnSummary> columns = ImmutableMap.builder();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), summarise(values.get(i)));
        }
        StatsReport report = new StatsReport(fileName, rows, columns.build());
        LOG.debug("{}: {} rows, {} columns summarised in {}", fileName, rows, header.size(), watch);
        return report;
    }

    static ColumnSummary summarise(List<String> column) {
        List<String> present = column.stream().filter(v -> !v.isEmpty()).toList();
        long missing = column.size() - present.size();
        if (!present.isEmpty()) {
            List<BigDecimal> numbers = parseAll(present, CsvStats::parseNumber);
            if (numbers != null) {
                return numberColumn(numbers, missing);
            }
            List<LocalDate> dates = parseAll(present, CsvStats::parseDate);
            if (dates != null) {
                return new ColumnSummary.DateColumn(dates.size(), missing,
                        dates.stream().min(Comparator.naturalOrder()).orElseThrow(),
                        dates.stream().max(Comparator.naturalOrder()).orElseThrow());
            }
        }
        return textColumn(present, missing);
    }

    private static ColumnSummary numberColumn(List<BigDecimal> numbers, long missing) {
        DescriptiveStatistics stats = new DescriptiveStatistics();
        numbers.forEach(n -> stats.addValue(n.doubleValue()));
        OptionalDouble stddev = stats.getN() >= 2
                ? OptionalDouble.of(round(stats.getStandardDeviation()))
                : OptionalDouble.empty();
        return new ColumnSummary.NumberColumn(stats.getN(), missing, stats.getMin(), stats.getMax(),
                round(stats.getMean()), round(stats.getPercentile(50)), stddev);
    }

    private static ColumnSummary textColumn(List<String> present, long missing) {
        Bag<String> bag = new HashBag<>(present);
        Optional<String> mostCommon = bag.uniqueSet().stream()
                .min(Comparator.<String>comparingInt(bag::getCount).reversed().thenComparing(Comparator.naturalOrder()));
        return new ColumnSummary.TextColumn(present.size(), missing, bag.uniqueSet().size(), mostCommon);
    }

    /** Parses every value, or returns null as soon as one does not parse. */
    private static <T> List<T> parseAll(List<String> values, Function<String, T> parser) {
        List<T> parsed = new ArrayList<>(values.size());
        for (String value : values) {
            T result = parser.apply(value);
            if (result == null) {
                return null;
            }
            parsed.add(result);
        }
        return parsed;
    }

    /** A plain decimal number ({@code 12}, {@code -3.5}, {@code 1e3}); not NaN, Infinity or hex. */
    private static BigDecimal parseNumber(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }
}
