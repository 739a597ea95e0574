package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeodesyTest {
  /** The contract: a millimetre or better. */
  private static final double MM = 1e-3;

  /**
   * Reference distances computed with GeographicLib 2.x (Karney's algorithm, GeodSolve -i), WGS84.
   * They cover the corpus thresholds, short and long lines, the poles, and nearly antipodal pairs
   * where Vincenty's iteration does not converge.
   */
  @ParameterizedTest(name = "({0}, {1}) to ({2}, {3}) is {4} m")
  @CsvSource({
      "0, 0, 0, 180, 20003931.458625447",
      "0, 0, 0.5, 179.7, 19944127.420750458",
      "0, 0, 0.5, 179.5, 19936288.578965314",
      "0, 179, 0, -179, 222638.981586547",
      "90, 0, -90, 0, 20003931.458625447",
      "90, 0, 90, 123, 0",
      "-90, 0, 0, 0, 10001965.729312724",
      "0, 0, 0, 1, 111319.490793274",
      "10, 20, 19.03, 20, 999134.053303885",
      "10, 20, 19.05, 20, 1001347.904280218",
      "10, 20, 10, 29.12, 999879.091809016",
      "10, 20, 10, 29.13, 1000975.380198928",
      "43.6073913, 3.9109057, 43.608, 3.905, 481.556155886",
      "51.5029017, -0.1606903, 51.519291, -0.149817, 1973.514321157",
      "51.5029017, -0.1606903, 32.692742, -97.114127, 7683634.280130327",
      "0, 0, 0, 0.004, 445.277963173",
      "0, 0, 0, 0.005, 556.597453966",
      "0, 0, 0, 0.012, 1335.833889519",
      "0, 0, 0, 0.02, 2226.389815865",
      "0, 0, 0, 179.4, 19970715.516595997",
      "0, 0, 0, 179.5, 19980861.908890963",
      "0, 0, 0, 179.9, 20003008.421509411",
      "-30, 0, 29.9, 179.8, 19989832.827609532",
      "-45, 0, 45, 179.5, 19981349.343755357",
      "89.9999, 0, -89.9999, 180, 20003931.458625447",
      "89, 10, -89, -170, 20003931.458625447",
      "40.6413, -73.7781, 51.4700, -0.4543, 5554908.790547500",
      "-33.9461, 151.1772, 51.4700, -0.4543, 17015614.266749583",
      "0, 0, 0.0000001, 0, 0.011057428",
      "0, 0, 0, 0.0000001, 0.011131949",
  })
  void knownDistances(double lat1, double lon1, double lat2, double lon2, double meters) {
    assertThat(Geodesy.distance(lat1, lon1, lat2, lon2)).isCloseTo(meters, within(MM));
    assertThat(Geodesy.distance(lat2, lon2, lat1, lon1)).as("symmetric").isCloseTo(meters, within(MM));
    assertThat(Geodesy.robustDistance(lat1, lon1, lat2, lon2))
        .as("the fallback alone")
        .isCloseTo(meters, within(MM));
  }

  @Test
  void vincentyGivesUpOnNearlyAntipodalPairsAndTheFallbackAnswers() {
    assertThat(Geodesy.vincenty(0, 0, 0.5, 179.7)).isNaN();
    assertThat(Geodesy.vincenty(0, 0, 0, 180)).isNaN();
    assertThat(Geodesy.distance(0, 0, 0.5, 179.7)).isFinite().isCloseTo(19944127.420750458, within(MM));
  }

  @Test
  void theHalfMeridianIsTheLongestGeodesic() {
    double halfMeridian = 20003931.458625447;
    assertThat(Geodesy.distance(0, 0, 0, 180)).isCloseTo(halfMeridian, within(MM));
    assertThat(Geodesy.distance(90, 0, -90, 77)).isCloseTo(halfMeridian, within(MM));
    assertThat(Geodesy.distance(30, 10, -30, -170)).isCloseTo(halfMeridian, within(MM));
  }

  @Test
  void longitudesAreModulo360AndCoincidentPointsAreZeroApart() {
    assertThat(Geodesy.distance(0, 0, 0, 361)).isCloseTo(Geodesy.distance(0, 0, 0, 1), within(1e-6));
    assertThat(Geodesy.distance(10, -725, 10, -5)).isEqualTo(0.0);
    assertThat(Geodesy.distance(43.6, 3.9, 43.6, 3.9)).isEqualTo(0.0);
    assertThat(Geodesy.distance(-90, 0, -90, 180)).isEqualTo(0.0);
  }

  /**
   * Two unrelated methods, Vincenty's series and the quadrature fallback, agree to well under a
   * millimetre over the whole globe, and nearly antipodal pairs get a finite distance between the
   * equatorial semi-circumference bounds.
   */
  @Test
  void vincentyAndTheFallbackAgreeEverywhere() {
    long seed = 20240611L;
    Random random = new Random(seed);
    int vincentyAnswered = 0;
    for (int i = 0; i < 3000; i++) {
      double lat1 = random.nextDouble() * 180 - 90;
      double lon1 = random.nextDouble() * 360 - 180;
      double lat2;
      double lon2;
      if (i % 3 == 0) {
        // nearly antipodal
        lat2 = Math.max(-90, Math.min(90, -lat1 + random.nextGaussian()));
        lon2 = lon1 + 180 + random.nextGaussian();
      } else {
        lat2 = random.nextDouble() * 180 - 90;
        lon2 = random.nextDouble() * 360 - 180;
      }
      double robust = Geodesy.robustDistance(lat1, lon1, lat2, lon2);
      double v = Geodesy.vincenty(lat1, lon1, lat2, lon2);
      String pair = "seed " + seed + ": (" + lat1 + ", " + lon1 + ") to (" + lat2 + ", " + lon2 + ")";
      assertThat(robust).as(pair).isBetween(0.0, 20003931.46);
      if (!Double.isNaN(v)) {
        vincentyAnswered++;
        assertThat(v).as(pair).isCloseTo(robust, within(MM / 2));
      }
      assertThat(Geodesy.distance(lat1, lon1, lat2, lon2)).as(pair).isCloseTo(robust, within(MM / 2));
    }
    assertThat(vincentyAnswered).isGreaterThan(2000);
  }
}
