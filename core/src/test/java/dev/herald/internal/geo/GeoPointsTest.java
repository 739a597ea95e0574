package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeoPointsTest {

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  // ---- parseFloat follows JavaScript -----------------------------------------------------------

  @Test
  void parseFloatReadsTheLongestDecimalPrefix() {
    assertThat(GeoPoints.parseFloat("43.6abc")).isEqualTo(43.6);
    assertThat(GeoPoints.parseFloat("  -1.5e3x")).isEqualTo(-1500.0);
    assertThat(GeoPoints.parseFloat(".5")).isEqualTo(0.5);
    assertThat(GeoPoints.parseFloat("-.5")).isEqualTo(-0.5);
    assertThat(GeoPoints.parseFloat("+3")).isEqualTo(3.0);
    assertThat(GeoPoints.parseFloat("5.")).isEqualTo(5.0);
    assertThat(GeoPoints.parseFloat("1e")).as("exponent without digits").isEqualTo(1.0);
    assertThat(GeoPoints.parseFloat("1e+")).isEqualTo(1.0);
    assertThat(GeoPoints.parseFloat("1.5.6")).isEqualTo(1.5);
    assertThat(GeoPoints.parseFloat("0x10")).as("no hexadecimal").isEqualTo(0.0);
    assertThat(GeoPoints.parseFloat("1_000")).isEqualTo(1.0);
    assertThat(GeoPoints.parseFloat("1e1,2")).isEqualTo(10.0);
    assertThat(GeoPoints.parseFloat("\u00a0\t\n7")).as("JavaScript white space").isEqualTo(7.0);
    assertThat(GeoPoints.parseFloat("\u20037")).as("a Unicode space separator").isEqualTo(7.0);
    assertThat(GeoPoints.parseFloat("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(GeoPoints.parseFloat("-Infinityx")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(GeoPoints.parseFloat("0.1")).isEqualTo(0.1);
    assertThat(Double.doubleToRawLongBits(GeoPoints.parseFloat("-0")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "abc", ".", "-", "+.", "e5", "infinity", "NaN", "\u0661\u0662", "x1"})
  void parseFloatIsNaNWithoutADecimalPrefix(String s) {
    assertThat(GeoPoints.parseFloat(s)).isNaN();
  }

  @Test
  void parseFloatTakesNumbersAsTheyAreAndNothingElse() {
    assertThat(GeoPoints.parseFloat(5)).isEqualTo(5.0);
    assertThat(GeoPoints.parseFloat(5L)).isEqualTo(5.0);
    assertThat(GeoPoints.parseFloat(new BigDecimal("2.5"))).isEqualTo(2.5);
    assertThat(GeoPoints.parseFloat(true)).isNaN();
    assertThat(GeoPoints.parseFloat(null)).isNaN();
    assertThat(GeoPoints.parseFloat(List.of(1))).isNaN();
  }

  // ---- formats ---------------------------------------------------------------------------------

  @Test
  void listOfTwoNumbersOrNumericStrings() {
    assertThat(GeoPoints.parse(List.of(43.6, 3.9))).isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse(List.of(1, 2L))).isEqualTo(new GeoPoint(1, 2));
    assertThat(GeoPoints.parse(List.of("1", "2"))).isEqualTo(new GeoPoint(1, 2));
    assertThat(GeoPoints.parse(List.of("43.6abc", 3))).isEqualTo(new GeoPoint(43.6, 3));
  }

  @Test
  void latCommaLonString() {
    assertThat(GeoPoints.parse("43.6,3.9")).isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse("43.6331979, 3.8433703")).isEqualTo(new GeoPoint(43.6331979, 3.8433703));
    assertThat(GeoPoints.parse("1e1,2")).isEqualTo(new GeoPoint(10, 2));
    assertThat(GeoPoints.parse(" -10 , -20 ")).isEqualTo(new GeoPoint(-10, -20));
  }

  @Test
  void latLonMapIsCheckedFirst() {
    assertThat(GeoPoints.parse(map("lat", 43.6, "lon", 3.9))).isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse(map("lat", "43.6", "lon", "3.9"))).isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse(map("latLon", List.of(5, 6), "lat", 1, "lon", 2)))
        .isEqualTo(new GeoPoint(1, 2));
  }

  @Test
  void nestedLatLonInEveryForm() {
    assertThat(GeoPoints.parse(map("latLon", List.of(43.6, 3.9)))).isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse(map("lat_lon", map("lat", 43.6, "lon", 3.9))))
        .isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse(map("latLon", "43.6, 3.9"))).isEqualTo(new GeoPoint(43.6, 3.9));
    assertThat(GeoPoints.parse(map("lat_lon", "ezs42")).lat()).isCloseTo(42.605, within(0.001));
  }

  @Test
  void geohashDecodesToTheCentreOfItsCell() {
    // The classic example: "ezs42" is the cell [42.583, 42.627] x [-5.625, -5.581].
    GeoPoint ezs42 = GeoPoints.parse("ezs42");
    assertThat(ezs42.lat()).isEqualTo(42.60498046875);
    assertThat(ezs42.lon()).isEqualTo(-5.60302734375);
    // "s" is 11000: lon [0, 180], lat [0, 90], lon [0, 90], lat [0, 45], lon [0, 45]; each "0" then
    // halves the lower side, 8 more times for latitude and 7 for longitude.
    GeoPoint fourChars = GeoPoints.parse("s000");
    assertThat(fourChars.lat()).isCloseTo(0.087890625, within(1e-12));
    assertThat(fourChars.lon()).isCloseTo(0.17578125, within(1e-12));
    GeoPoint london = GeoPoints.parse("gcpvh6uxh60x1");
    assertThat(london.lat()).isCloseTo(51.520226, within(1e-6));
    assertThat(london.lon()).isCloseTo(-0.158432, within(1e-6));
    // Just inside the corpus box's top-left corner (43.6331979, 3.8433703).
    GeoPoint montpellier = GeoPoints.parse("spf8prntv18e");
    assertThat(montpellier.lat()).isBetween(43.5810609, 43.6331979);
    assertThat(montpellier.lon()).isBetween(3.8433703, 3.9282093);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ezs", "EZS42", "ezsa2", "ezsi2", "ezsl2", "ezso2", "ezs42!", "ezs 42", "garbage!"})
  void stringsOutsideTheGeohashAlphabetOrTooShortAreNoPoint(String s) {
    assertThat(GeoPoints.parse(s)).isNull();
  }

  @Test
  void notPoints() {
    List<Object> notPoints = new ArrayList<>(Arrays.asList(
        null, 0, 1.5, true, false, "", "x,y", "1,2,3", "abc,1",
        List.of(), List.of(1), List.of(1, 2, 3), List.of(true, 1), Arrays.asList(null, 1),
        List.of("abc", 1), map(), map("lat", 1), map("lon", 1), map("lat", 1, "lon", null),
        map("latLon", List.of(1, 2, 3)), map("latLon", 5), map("latLon", map("lat", 1)),
        map("latLon", map("latLon", List.of(1, 2))),
        List.of(Double.NaN, 0), List.of(0, Double.POSITIVE_INFINITY), List.of("Infinity", 0),
        List.of(90.0000001, 0), List.of(-91, 0), List.of(200, 10)));
    for (Object value : notPoints) {
      assertThat(GeoPoints.parse(value)).as("%s", value).isNull();
    }
  }

  @Test
  void latitudeBoundsAreInclusiveAndLongitudesAreKeptAsGiven() {
    assertThat(GeoPoints.parse(List.of(90, 0))).isEqualTo(new GeoPoint(90, 0));
    assertThat(GeoPoints.parse(List.of(-90, 0))).isEqualTo(new GeoPoint(-90, 0));
    assertThat(GeoPoints.parse(List.of(0, 500))).isEqualTo(new GeoPoint(0, 500));
    assertThat(GeoPoints.parse("0, -725")).isEqualTo(new GeoPoint(0, -725));
  }
}
