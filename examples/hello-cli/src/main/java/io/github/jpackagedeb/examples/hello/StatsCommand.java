package io.github.jpackagedeb.examples.hello;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.io.input.BOMInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hello-cli stats FILE.csv}: prints summary statistics of every column. */
@Command(name = "stats",
        description = {
            "Prints summary statistics of every column of a CSV file whose first row names the columns.",
            "Numeric columns get count, missing, min, max, mean, median and stddev; date columns"
                + " (yyyy-mm-dd) get min and max; other columns get distinct and mostCommon."
        })
final class StatsCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, yaml }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file to read.")
    private Path file;

    @Option(names = {"-d", "--delimiter"}, paramLabel = "CHAR", defaultValue = ",",
            description = "Field delimiter (default: ${DEFAULT-VALUE}).")
    private char delimiter;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8",
            description = "Character set of FILE (default: ${DEFAULT-VALUE}); a byte order mark is skipped.")
    private Charset charset;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() {
        StatsReport report;
        try (InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get();
                Reader reader = new InputStreamReader(in, charset)) {
            report = new CsvStats(delimiter).compute(file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new HelloCliException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new HelloCliException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new HelloCliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println(render(report, format));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Renders a report as pretty-printed JSON or as YAML.
     *
     * @param report the report
     * @param format the output format
     * @return the text, without a trailing newline
     */
    static String render(StatsReport report, Format format) {
        try {
            return mapper(format).writeValueAsString(report).stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }

    /**
     * The mapper for a format, with the java.time, Optional and parameter-names modules
     * found on the class path.
     *
     * @param format the output format
     * @return a configured mapper
     */
    static ObjectMapper mapper(Format format) {
        return switch (format) {
            case json -> JsonMapper.builder()
                    .findAndAddModules()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();
            case yaml -> YAMLMapper.builder(YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            // "type: number" as in the JSON, not a YAML tag such as !<number>
                            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                            .build())
                    .findAndAddModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();
        };
    }
}
