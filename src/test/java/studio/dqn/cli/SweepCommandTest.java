package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    private static final String SPEC = "{\"preset\": \"fast\", \"set\": {\"totalEnvSteps\": 1024, \"learningStarts\": 512,"
            + " \"evalEvery\": 512, \"evalEpisodes\": 3, \"bufferSize\": 2048}, \"grid\": {\"learningRate\": [0.001, 0.0023]}, \"seeds\": \"1..2\"}";

    private static Path spec(Path dir, String json) throws Exception {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void aSweepRunsEveryTrialWritesTheSummaryAndARerunSkipsThem(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.run("sweep", spec(dir, SPEC).toString(), "--out", out.toString(), "--workers", "2");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.err().contains("4 trial(s) in 2 config(s); 0 already done; running 4 on the local engine with 2 worker thread(s)"), r.err());
        assertTrue(r.out().contains("[4/4] "), r.out());
        assertTrue(r.out().contains("learningRate=0.001") && r.out().contains("learningRate=0.0023"), r.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, summary.path("configs").size());
        for (JsonNode c : summary.path("configs")) {
            assertEquals(2, c.path("n").asInt());
            assertTrue(c.path("iqm").isNumber() && c.path("ci_low").asDouble() <= c.path("ci_high").asDouble(), c.toString());
        }
        assertEquals(5, Files.readAllLines(out.resolve("summary.csv")).size());

        CliTest.Result again = CliTest.run("sweep", dir.resolve("spec.json").toString(), "--out", out.toString());
        assertEquals(Main.OK, again.code(), again.err());
        assertTrue(again.err().contains("4 already done; running 0"), again.err());
        assertFalse(again.out().contains("[1/"), again.out());
    }

    @Test
    void anInvalidSpecIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.run("sweep", spec(dir, "{\"grid\": {\"learningRate\": [0.001, 5]}}").toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("learningRate must be greater than 0 and at most 1 (got 5)"), r.err());
        assertFalse(Files.exists(out), "nothing was written");

        CliTest.Result missing = CliTest.run("sweep", dir.resolve("nope.json").toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("cannot read the sweep spec"), missing.err());

        CliTest.Result index = CliTest.run("sweep", spec(dir, SPEC).toString(), "--out", out.toString(), "--trial-index", "4");
        assertEquals(Main.BAD_INPUT, index.code());
        assertTrue(index.err().contains("--trial-index must be between 0 and 3"), index.err());

        CliTest.Result master = CliTest.run("sweep", dir.resolve("spec.json").toString(), "--out", out.toString(), "--master", "local[2]");
        assertEquals(Main.BAD_INPUT, master.code());
        assertTrue(master.err().contains("add --engine spark"), master.err());

        CliTest.Result workers = CliTest.run("sweep", dir.resolve("spec.json").toString(), "--out", out.toString(), "--workers", "0");
        assertEquals(Main.BAD_INPUT, workers.code());
        assertTrue(workers.err().contains("--workers must be between 1 and 256"), workers.err());
        assertFalse(Files.exists(out), "nothing was written");
    }

    @Test
    void arrayJobsRunOneTrialEachAndSummarizeWritesWhatIsThere(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path f = spec(dir, SPEC);
        CliTest.Result one = CliTest.run("sweep", f.toString(), "--out", out.toString(), "--trial-index", "1");
        assertEquals(Main.OK, one.code(), one.err());
        CliTest.Result list = CliTest.run("sweep", f.toString(), "--out", out.toString(), "--list");
        assertEquals(Main.OK, list.code(), list.err());
        String[] lines = list.out().strip().split("\n");
        assertEquals(4, lines.length, list.out());
        assertTrue(lines[1].contains("finished") && lines[0].contains("to run"), list.out());

        CliTest.Result sum = CliTest.run("sweep", f.toString(), "--out", out.toString(), "--summarize");
        assertEquals(Main.OK, sum.code(), sum.err());
        assertTrue(sum.err().contains("summary of 1 of 4 trials") && sum.err().contains("3 not done yet"), sum.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.path("configs").get(0).path("n").asInt());
        assertEquals(1, summary.path("configs").get(0).path("not_done").asInt());
        assertEquals(2, summary.path("configs").get(1).path("not_done").asInt());

        CliTest.Result twice = CliTest.run("sweep", f.toString(), "--out", out.toString(), "--trial-index", "1");
        assertEquals(Main.OK, twice.code(), twice.err());
        assertTrue(twice.out().contains("already finished"), twice.out());
    }
}
