package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PythonFloatTest {

    /** Expected strings are what CPython 3.11 prints for {@code repr(x)}. */
    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        // values from the tutorial's own log
        "9.72340425531915   | 9.72340425531915",
        "183.9090909090909  | 183.9090909090909",
        "47.095238095238095 | 47.095238095238095",
        "29.185185185185187 | 29.185185185185187",
        "9.541666666666666  | 9.541666666666666",
        // whole numbers keep ".0"
        "178.0              | 178.0",
        "200.0              | 200.0",
        "100                | 100.0",
        "123456789.0        | 123456789.0",
        "1e15               | 1000000000000000.0",
        "9999999999999998   | 9999999999999998.0",
        // shortest digits
        "0.1                | 0.1",
        "0.30000000000000004| 0.30000000000000004",
        "123.456            | 123.456",
        "-2.5               | -2.5",
        // exponent notation from 1e16 up and below 1e-4, with at least two exponent digits
        "1e16               | 1e+16",
        "1e22               | 1e+22",
        "1.7976931348623157e308 | 1.7976931348623157e+308",
        "1.5e-5             | 1.5e-05",
        "-1e-7              | -1e-07",
        "9.900000000000001e-05 | 9.900000000000001e-05",
        "0.0001             | 0.0001",
        // Double.toString(4.9E-324) is not the shortest on JDK 17; Python prints 5e-324
        "4.9E-324           | 5e-324",
        // powers of two whose shortest form the HALF_EVEN rounding does find
        "9.5367431640625e-07| 9.5367431640625e-07",
        "9.313225746154785e-10 | 9.313225746154785e-10",
        "1.1805916207174113e+21 | 1.1805916207174113e+21",
    })
    void matchesPythonRepr(double value, String expected) {
        assertEquals(expected, PythonFloat.repr(value));
    }

    @Test
    void divisionsLikeTheMeanRewards() {
        assertEquals("0.3333333333333333", PythonFloat.repr(1 / 3.0));
        assertEquals("0.6666666666666666", PythonFloat.repr(2 / 3.0));
        assertEquals("9.72340425531915", PythonFloat.repr(457 / 47.0));
    }

    @Test
    void specialValues() {
        assertEquals("nan", PythonFloat.repr(Double.NaN));
        assertEquals("inf", PythonFloat.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonFloat.repr(Double.NEGATIVE_INFINITY));
        assertEquals("0.0", PythonFloat.repr(0.0));
        assertEquals("-0.0", PythonFloat.repr(-0.0));
    }

    /** Below a power of two the rounding gap is asymmetric: the shortest string may lie above. */
    @Test
    void powersOfTwoUseTheShortestRoundTrippingString() {
        assertEquals("5.960464477539063e-08", PythonFloat.repr(Math.scalb(1.0, -24)));
        assertEquals("5.684341886080802e-14", PythonFloat.repr(Math.scalb(1.0, -44)));
        assertEquals("6.189700196426902e+26", PythonFloat.repr(Math.scalb(1.0, 89)));
    }

    @Test
    void exponentDigitsDoNotDependOnTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
            assertEquals("1e+16", PythonFloat.repr(1e16));
            assertEquals("1.5e-05", PythonFloat.repr(1.5e-5));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void randomDoublesRoundTripExactly() {
        Random rnd = new Random(20240601L);
        for (int i = 0; i < 10_000; i++) {
            // half: any bit pattern (every exponent); half: everyday magnitudes
            double d = i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong())
                    : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(24) - 8);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String r = PythonFloat.repr(d);
            assertEquals(d, Double.parseDouble(r), 0, "repr " + r + " of " + Double.toString(d));
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(r)),
                    "sign of " + r);
            assertFormat(d, r);
        }
    }

    /** Python's layout rules: fixed notation iff 1e-4 <= |d| < 1e16, else d.ddde±XX. */
    private static void assertFormat(double d, String r) {
        double a = Math.abs(d);
        if (a >= 1e-4 && a < 1e16) {
            assertTrue(r.matches("-?\\d+\\.\\d+"), "fixed notation expected: " + r);
        } else {
            assertTrue(r.matches("-?\\d(\\.\\d+)?e[+-]\\d{2,3}"), "exponent notation expected: " + r);
        }
        // never more than 17 significant digits
        String digits = r.replaceFirst("e.*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
        assertTrue(new BigDecimal(digits.isEmpty() ? "0" : digits).stripTrailingZeros().precision() <= 17, r);
    }
}
