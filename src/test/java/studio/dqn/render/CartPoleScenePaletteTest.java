package studio.dqn.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import studio.dqn.env.CartPoleState;

/**
 * The scene's colours: the light palette is exactly Gymnasium's (the GIF export and the existing
 * draw depend on it), the dark one is readable on its background, and every element is drawn in
 * its palette's colour.
 */
class CartPoleScenePaletteTest {

    private static final CartPoleState LEANING = new CartPoleState(0.5, 0, 0.1, 0);

    /** Every drawing call as text, colour last, so two frames compare as lists. */
    private static final class Recording implements Surface {
        final List<String> ops = new ArrayList<>();
        final List<Integer> colours = new ArrayList<>();

        private void op(String what, int argb, double... v) {
            StringBuilder b = new StringBuilder(what);
            for (double d : v) {
                b.append(' ').append(String.format(Locale.ROOT, "%.4f", d));
            }
            ops.add(b.append(String.format(" #%08X", argb)).toString());
            colours.add(argb);
        }

        @Override
        public void fillRect(double x, double y, double w, double h, int argb) {
            op("rect", argb, x, y, w, h);
        }

        @Override
        public void fillOval(double x, double y, double w, double h, int argb) {
            op("oval", argb, x, y, w, h);
        }

        @Override
        public void strokeLine(double x1, double y1, double x2, double y2, double width, double dash, int argb) {
            op("line", argb, x1, y1, x2, y2, width, dash);
        }

        @Override
        public void fillRotatedRect(double ox, double oy, double radians, double x, double y, double w, double h,
                                    int argb) {
            op("rotated", argb, ox, oy, radians, x, y, w, h);
        }

        @Override
        public void text(String s, double x, double y, double size, Align align, int argb) {
            op("text " + s + " " + align, argb, x, y, size);
        }
    }

    private static Recording draw(CartPoleScene.Palette palette) {
        Recording r = new Recording();
        if (palette == null) {
            CartPoleScene.draw(r, 600, 400, 1, LEANING, "caption");
        } else {
            CartPoleScene.draw(r, 600, 400, 1, LEANING, "caption", palette);
        }
        return r;
    }

    @Test
    void lightIsGymnasiumsColoursAsTheSceneHasAlwaysDrawnThem() {
        assertEquals(new CartPoleScene.Palette(0xFFFFFFFF, 0xFF000000, 0xFFCA9865, 0xFF8184CB, 0xFF000000,
                0x73C83C3C, 0xFF8C2A2A, 0xFF5A5A5A), CartPoleScene.Palette.LIGHT);
        // The draw without a palette (CLI GIFs, existing callers) is the light one, call for call.
        assertEquals(draw(CartPoleScene.Palette.LIGHT).ops, draw(null).ops);
        assertEquals(List.of(0xFFFFFFFF, 0xFF000000, 0x73C83C3C, 0x73C83C3C, 0xFF8C2A2A, 0xFF8C2A2A, 0xFF000000,
                0xFFCA9865, 0xFF8184CB, 0xFF5A5A5A), draw(null).colours);
    }

    @Test
    void eachElementIsDrawnInItsPalettesColour() {
        // Eight distinct colours: a part drawn with a fixed constant instead of the palette shows up here.
        CartPoleScene.Palette probe = new CartPoleScene.Palette(1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(List.of(1, 5, 6, 6, 7, 7, 2, 3, 4, 8), draw(probe).colours);
        Recording dark = draw(CartPoleScene.Palette.DARK);
        assertEquals(draw(null).ops.size(), dark.ops.size(), "the same frame, only the colours differ");
    }

    @Test
    void darkDiffersFromLightAndEveryPartIsReadableOnItsBackground() {
        CartPoleScene.Palette dark = CartPoleScene.Palette.DARK;
        CartPoleScene.Palette light = CartPoleScene.Palette.LIGHT;
        assertNotEquals(light, dark);
        assertTrue(luminance(dark.background()) < 0.05, "a dark background");
        // WCAG's contrast minimums: 3:1 for graphics, 4.5:1 for text. (Gymnasium's wooden pole is
        // 2.6:1 on white, which the light palette keeps on purpose; the dark one need not copy that.)
        int[] graphics = {dark.cart(), dark.pole(), dark.axle(), dark.track()};
        int[] texts = {dark.markerText(), dark.caption()};
        for (int[] parts : new int[][] {graphics, texts}) {
            double minimum = parts == texts ? 4.5 : 3;
            for (int fg : parts) {
                double ratio = contrast(fg, dark.background());
                assertTrue(ratio >= minimum,
                        String.format(Locale.ROOT, "#%08X on #%08X: %.2f:1", fg, dark.background(), ratio));
            }
        }
        // Gymnasium's black cart and track would vanish on the dark background: why DARK exists.
        assertTrue(contrast(light.cart(), dark.background()) < 1.5);
    }

    private static double contrast(int a, int b) {
        double la = luminance(a) + 0.05;
        double lb = luminance(b) + 0.05;
        return Math.max(la, lb) / Math.min(la, lb);
    }

    /** WCAG 2 relative luminance of an opaque sRGB colour. */
    private static double luminance(int argb) {
        double r = channel((argb >> 16) & 0xFF);
        double g = channel((argb >> 8) & 0xFF);
        double b = channel(argb & 0xFF);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int c) {
        double v = c / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
