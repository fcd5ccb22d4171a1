package io.github.jpackagedeb.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {

    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    private static Path sample() throws URISyntaxException {
        return Path.of(StatsCommandTest.class.getResource("/sample.csv").toURI());
    }

    @Test
    void summarisesEveryColumnOfTheSample() throws Exception {
        Run run = Run.of("stats", sample().toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());

        assertEquals(sample().toString(), json.get("file").asText());
        assertEquals(8, json.get("rows").asInt());
        assertEquals(List.of("date", "city", "temperature_c", "rainfall_mm", "visitors"),
                iterableToList(json.get("columns").fieldNames()));

        JsonNode date = json.at("/columns/date");
        assertEquals("date", date.get("type").asText());
        assertEquals(8, date.get("count").asInt());
        assertEquals("2026-03-01", date.get("min").asText());
        assertEquals("2026-03-08", date.get("max").asText());

        JsonNode city = json.at("/columns/city");
        assertEquals("text", city.get("type").asText());
        assertEquals(3, city.get("distinct").asInt());
        // Lisbon and Porto both appear 3 times: the alphabetically first wins
        assertEquals("Lisbon", city.get("mostCommon").asText());

        // expected values computed independently (Python statistics module)
        assertNumber(json.at("/columns/temperature_c"), 8, 0, 10.4, 18.2, 14.6, 14.8, 2.7589);
        assertNumber(json.at("/columns/rainfall_mm"), 7, 1, 0.0, 9.8, 2.6429, 1.2, 3.6596);
        assertNumber(json.at("/columns/visitors"), 8, 0, 640, 1320, 987.5, 985.0, 229.269);
    }

    private static void assertNumber(JsonNode col, int count, int missing, double min, double max,
            double mean, double median, double stddev) {
        assertEquals("number", col.get("type").asText(), col.toString());
        assertEquals(count, col.get("count").asInt());
        assertEquals(missing, col.get("missing").asInt());
        assertEquals(min, col.get("min").asDouble(), EPS);
        assertEquals(max, col.get("max").asDouble(), EPS);
        assertEquals(mean, col.get("mean").asDouble(), EPS);
        assertEquals(median, col.get("median").asDouble(), EPS);
        assertEquals(stddev, col.get("stddev").asDouble(), EPS);
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    @Test
    void jsonReadsBackIntoTheReport() throws Exception {
        Run run = Run.of("stats", sample().toString());
        StatsReport report = StatsCommand.mapper(StatsCommand.Format.json).readValue(run.out(), StatsReport.class);
        assertEquals(8, report.rows());
        ColumnSummary.NumberColumn visitors = (ColumnSummary.NumberColumn) report.columns().get("visitors");
        assertEquals(987.5, visitors.mean(), EPS);
    }

    @Test
    void yamlFormat() throws Exception {
        Run run = Run.of("stats", "--format", "yaml", sample().toString());
        assertEquals(0, run.status(), run.err());
        assertFalse(run.out().startsWith("---"), run.out());
        assertFalse(run.out().contains("!<"), "no YAML type tags: " + run.out());
        assertTrue(run.out().contains("    type: number"), run.out());
        JsonNode yaml = new YAMLMapper().readTree(run.out());
        assertEquals(1320, yaml.at("/columns/visitors/max").asDouble(), EPS);
        assertEquals("2026-03-08", yaml.at("/columns/date/max").asText());
    }

    @Test
    void semicolonDelimiterAndByteOrderMark() throws IOException {
        Path csv = tmp.resolve("bom.csv");
        Files.write(csv, ("\uFEFFname;score\nada;3\ngrace;5\nalan;\n").getBytes(StandardCharsets.UTF_8));
        Run run = Run.of("stats", "-d", ";", csv.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        // the BOM is not part of the first column's name
        assertTrue(json.at("/columns").has("name"), run.out());
        JsonNode score = json.at("/columns/score");
        assertEquals(2, score.get("count").asInt());
        assertEquals(1, score.get("missing").asInt());
        assertEquals(4.0, score.get("mean").asDouble(), EPS);
    }

    @Test
    void singleValueHasNoStddevAndEmptyColumnIsText() throws IOException {
        Path csv = tmp.resolve("one.csv");
        Files.writeString(csv, "x,empty\n42,\n");
        JsonNode json = new ObjectMapper().readTree(Run.of("stats", csv.toString()).out());
        assertFalse(json.at("/columns/x").has("stddev"), json.toString());
        assertEquals(42.0, json.at("/columns/x/median").asDouble(), EPS);
        JsonNode empty = json.at("/columns/empty");
        assertEquals("text", empty.get("type").asText());
        assertEquals(0, empty.get("count").asInt());
        assertEquals(1, empty.get("missing").asInt());
        assertFalse(empty.has("mostCommon"), empty.toString());
    }

    @Test
    void mixedValuesMakeATextColumnAndNaNIsNotANumber() throws IOException {
        Path csv = tmp.resolve("mixed.csv");
        Files.writeString(csv, "a,b\n1,NaN\ntwo,3\n");
        JsonNode json = new ObjectMapper().readTree(Run.of("stats", csv.toString()).out());
        assertEquals("text", json.at("/columns/a/type").asText());
        assertEquals("text", json.at("/columns/b/type").asText());
    }

    @Test
    void shortRowCountsAsMissing() throws IOException {
        Path csv = tmp.resolve("short.csv");
        Files.writeString(csv, "a,b\n1,2\n3\n");
        Run run = Run.of("stats", csv.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.at("/columns/b/count").asInt());
        assertEquals(1, json.at("/columns/b/missing").asInt());
    }

    @Test
    void missingFileFailsWithExitOne() {
        Path missing = tmp.resolve("nope.csv");
        Run run = Run.of("stats", missing.toString());
        assertEquals(1, run.status());
        assertEquals("hello-cli: cannot read " + missing + ": no such file", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void emptyFileFailsWithExitOne() throws IOException {
        Path csv = Files.writeString(tmp.resolve("empty.csv"), "");
        Run run = Run.of("stats", csv.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(csv + " has no header row"), run.err());
    }

    @Test
    void malformedCsvFailsWithExitOne() throws IOException {
        Path csv = Files.writeString(tmp.resolve("bad.csv"), "a,b\n\"1\"x,2\n");
        Run run = Run.of("stats", csv.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("hello-cli: cannot parse " + csv + " as CSV"), run.err());
    }

    @Test
    void duplicateHeaderFailsWithExitOne() throws IOException {
        Path csv = Files.writeString(tmp.resolve("dup.csv"), "a,a\n1,2\n");
        Run run = Run.of("stats", csv.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("hello-cli: cannot use the header row of " + csv), run.err());
    }

    @Test
    void emptyHeaderNameFailsWithExitOne() throws IOException {
        Path csv = Files.writeString(tmp.resolve("noname.csv"), "a,,c\n1,2,3\n");
        Run run = Run.of("stats", csv.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("hello-cli: cannot use the header row of " + csv), run.err());
    }

    @Test
    void badFormatIsAUsageError() throws Exception {
        Run run = Run.of("stats", "--format", "xml", sample().toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--format"), run.err());
    }
}
