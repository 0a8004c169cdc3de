package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.render.PolicyMapScene;
import studio.dqn.training.ModelFile;
import studio.dqn.training.PolicyMap;
import studio.dqn.training.QProbe;

class InspectAndMapCommandTest {

    private static final String DEMO = "saved_models/demo-cartpole-v1.best.dqn";

    @Test
    void inspectSaysPushRightWhenThePoleFallsRightAndLeftWhenItFallsLeft() throws Exception {
        CliTest.Result r = CliTest.run("inspect", DEMO, "--state", "0,0,0.15,1.0", "--state", "0, 0, -0.15, -1.0", "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode right = json.readTree(lines[0]);
        JsonNode left = json.readTree(lines[1]);
        assertEquals(1, right.get("action").asInt());
        assertEquals(0, left.get("action").asInt());
        assertEquals(0.15, right.get("state").get(2).asDouble(), 1e-6);
        assertEquals(-1.0, left.get("state").get(3).asDouble(), 1e-6);
        assertTrue(right.get("q").get(1).asDouble() > right.get("q").get(0).asDouble(), lines[0]);
        assertTrue(left.get("q").get(0).asDouble() > left.get("q").get(1).asDouble(), lines[1]);
    }

    @Test
    void inspectPrintsTheSameQValuesAsTheMapsCellForThatState() throws Exception {
        try (QProbe probe = QProbe.of(ModelFile.load(Path.of(DEMO)))) {
            PolicyMap map = probe.map(0, 0, 64, 64);
            float[] s = map.state(50, 20);
            CliTest.Result r = CliTest.run("inspect", DEMO, "--json", "--state", s[0] + "," + s[1] + "," + s[2] + "," + s[3]);
            assertEquals(0, r.code(), r.err());
            JsonNode line = new ObjectMapper().readTree(r.out().strip());
            assertEquals(map.q(50, 20, 0), line.get("q").get(0).floatValue(), 1e-4 * Math.abs(map.q(50, 20, 0)) + 1e-4);
            assertEquals(map.q(50, 20, 1), line.get("q").get(1).floatValue(), 1e-4 * Math.abs(map.q(50, 20, 1)) + 1e-4);
            assertEquals(map.action(50, 20), line.get("action").asInt());
        }
    }

    @Test
    void inspectWithoutJsonNamesTheActionInWords() {
        CliTest.Result r = CliTest.run("inspect", DEMO, "--state", "0,0,0.15,1.0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("push right (1)"), r.out());
        assertTrue(r.out().startsWith("model: " + DEMO), r.out());
    }

    @Test
    void badStatesAreOneLineErrorsWithExitCode2() {
        for (String bad : new String[] {"1,2,3", "1,2,3,4,5", "0,0,NaN,0", "0,0,x,0", "0,0,Infinity,0", "0,0,1e400,0", ",,,"}) {
            CliTest.Result r = CliTest.run("inspect", DEMO, "--state", bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().startsWith("error: --state needs four finite numbers"), r.err());
            assertEquals("", r.out());
        }
        CliTest.Result none = CliTest.run("inspect", DEMO);
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--state"), none.err());
    }

    @Test
    void mapWritesAPngWhoseColoursAreTheGreedyActions(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("map.png");
        CliTest.Result r = CliTest.run("map", DEMO, "--out", png.toString(), "--width", "480");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + png + ": 480 × 360 px, 128 × 128 cells"), r.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(480, image.getWidth());
        assertEquals(360, image.getHeight());
        double[] a = PolicyMapScene.plotArea(480, 360);
        // θ = +10°, θ̇ = +2.5 rad/s (falling right, fast): orange; the mirror state: blue.
        int fallingRight = image.getRGB((int) (a[0] + a[2] * (22.0 / 24)), (int) (a[1] + a[3] * (0.5 / 6)));
        int fallingLeft = image.getRGB((int) (a[0] + a[2] * (2.0 / 24)), (int) (a[1] + a[3] * (5.5 / 6)));
        assertTrue(red(fallingRight) > blue(fallingRight) + 60, Integer.toHexString(fallingRight));
        assertTrue(blue(fallingLeft) > red(fallingLeft) + 60, Integer.toHexString(fallingLeft));
    }

    @Test
    void mapByValueUsesViridisAndRefusesBadOptionsWithoutWritingAFile(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("v.png");
        CliTest.Result ok = CliTest.run("map", DEMO, "--out", png.toString(), "--color", "value", "--x", "1", "--x-dot", "-0.5");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.size(png) > 1000);
        for (String[] bad : new String[][] {{"--color", "rainbow"}, {"--x", "3"}, {"--x-dot", "NaN"}, {"--width", "100"},
                {"--cells", "32"}}) {
            Path out = dir.resolve("bad.png");
            CliTest.Result r = CliTest.run("map", DEMO, "--out", out.toString(), bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + bad[0]), r.err());
            assertFalse(Files.exists(out));
        }
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
