package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DistancesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "500m | 500",
      "500 | 500",
      "0m | 0",
      "1km | 1000",
      "10 kilometers | 10000",
      "1 kilometer | 1000",
      "2 Kilometres | 2000",
      "1 kilometre | 1000",
      "2 KM | 2000",
      "' 1.5 mi ' | 2414.016",
      "1 mile | 1609.344",
      "2 miles | 3218.688",
      "1e3m | 1000",
      "1.5E+2 m | 150",
      "3ft | 0.9144",
      "1 foot | 0.3048",
      "2 feet | 0.6096",
      "12in | 0.3048",
      "1 inch | 0.0254",
      "2 inches | 0.0508",
      "1yd | 0.9144",
      "2 yards | 1.8288",
      "1 yard | 0.9144",
      "1nmi | 1852",
      "2 nauticalmiles | 3704",
      "1 NauticalMile | 1852",
      "5cm | 0.05",
      "5 mm | 0.005",
      "1 metre | 1",
      "3 metres | 3",
      "3 meters | 3",
      "0.25 meter | 0.25",
  })
  void stringsWithUnits(String input, double meters) {
    assertThat(Distances.parseMeters(input)).isCloseTo(meters, within(1e-9 * Math.max(1, meters)));
  }

  @Test
  void numbersAreMeters() {
    assertThat(Distances.parseMeters(500)).isEqualTo(500.0);
    assertThat(Distances.parseMeters(1000L)).isEqualTo(1000.0);
    assertThat(Distances.parseMeters(0.5)).isEqualTo(0.5);
    assertThat(Distances.parseMeters(0)).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5km", "-1", "1,000 m", "1,5km", "1 000 m", "km", "", " ", "5 furlongs",
      "5 parsecs", "NaN", "Infinity", "1e400", "1e400 km", "5kmm", "5 k m", "1.2.3 km", ".5km", "5.km",
      "0x10", "5 s", "1 h", "+5m", "5 centimeters", "5 Km extra"})
  void rejectedStrings(String input) {
    assertThatThrownBy(() -> Distances.parseMeters(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unable to parse distance value \"" + input + "\"");
  }

  @Test
  void rejectedValues() {
    for (Object value : new Object[] {-1, -0.5, Double.NaN, Double.POSITIVE_INFINITY, new java.math.BigDecimal("1e400"), true,
        null, List.of(1), Map.of("m", 1)}) {
      assertThatThrownBy(() -> Distances.parseMeters(value))
          .as("%s", value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("unable to parse distance value \"");
    }
  }

  @Test
  void negativeZeroIsZero() {
    assertThat(Double.doubleToRawLongBits(Distances.parseMeters(-0.0))).isEqualTo(0L);
  }
}
