package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** geoDistance (circles) and geoDistanceRange (annuli). */
class CircleTest {
  private static final long SEED = 1_234_567L;

  private static boolean in(GeoShape shape, double lat, double lon) {
    return shape.contains(new GeoPoint(lat, lon));
  }

  /**
   * A point about {@code meters} from the centre on a sphere of mean radius, so that the true
   * ellipsoidal distance is within about 0.5% of it: the cases the quick pre-check cannot decide.
   */
  static GeoPoint near(GeoPoint c, double meters, double azimuth) {
    double delta = meters / 6371008.8;
    double phi1 = Math.toRadians(c.lat());
    double lambda1 = Math.toRadians(c.lon());
    double phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta)
        + Math.cos(phi1) * Math.sin(delta) * Math.cos(azimuth));
    double lambda2 = lambda1 + Math.atan2(Math.sin(azimuth) * Math.sin(delta) * Math.cos(phi1),
        Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
    return new GeoPoint(Math.toDegrees(phi2), Math.toDegrees(lambda2));
  }

  static GeoPoint randomCentre(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return new GeoPoint(random.nextBoolean() ? 90 : -90, random.nextDouble() * 360 - 180);
      case 1:
        return new GeoPoint(random.nextDouble() * 180 - 90, random.nextBoolean() ? 180 : -179.9999);
      case 2:
        return new GeoPoint(Math.copySign(89 + random.nextDouble(), random.nextGaussian()), random.nextDouble() * 360);
      default:
        return new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 720 - 360);
    }
  }

  static double randomRadius(Random random) {
    return Math.pow(10, random.nextDouble() * 7.4); // 1 m to 25,000 km
  }

  /** The quick pre-checks never decide differently from the exact distance, near the rim included. */
  @Test
  void circlesAgreeWithTheExactDistanceEvenNearTheirRim() {
    Random random = new Random(SEED);
    for (int i = 0; i < 400; i++) {
      GeoPoint c = randomCentre(random);
      double r = randomRadius(random);
      GeoShape circle = GeoShape.circle(c, r);
      for (int j = 0; j < 50; j++) {
        GeoPoint p = j < 40
            ? near(c, r * (0.98 + 0.04 * random.nextDouble()), random.nextDouble() * 2 * Math.PI)
            : new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
        boolean expected = Geodesy.distance(c.lat(), c.lon(), p.lat(), p.lon()) <= r;
        assertThat(circle.contains(p)).as("seed %d: %s around %s, point %s", SEED, r, c, p).isEqualTo(expected);
      }
    }
  }

  @Test
  void annuliAgreeWithTheExactDistanceNearBothRims() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 400; i++) {
      GeoPoint c = randomCentre(random);
      double to = randomRadius(random);
      double from = random.nextInt(4) == 0 ? 0 : to * random.nextDouble();
      GeoShape ring = GeoShape.annulus(c, from, to);
      for (int j = 0; j < 50; j++) {
        double around = j % 2 == 0 ? from : to;
        GeoPoint p = j < 40
            ? near(c, around * (0.98 + 0.04 * random.nextDouble()), random.nextDouble() * 2 * Math.PI)
            : new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
        double d = Geodesy.distance(c.lat(), c.lon(), p.lat(), p.lon());
        assertThat(ring.contains(p))
            .as("seed %d: [%s, %s] around %s, point %s at %s", SEED + 1, from, to, c, p, d)
            .isEqualTo(d >= from && d <= to);
      }
    }
  }

  @Test
  void radiusZeroHoldsTheCentreOnlyAtThePolesToo() {
    GeoShape northPole = GeoShape.circle(new GeoPoint(90, 45), 0);
    assertThat(in(northPole, 90, -120)).isTrue();
    assertThat(in(northPole, 89.9999999, 0)).isFalse();
    GeoShape dot = GeoShape.circle(new GeoPoint(-33.5, 151.25), 0);
    assertThat(in(dot, -33.5, 151.25)).isTrue();
    assertThat(in(dot, -33.5, 151.25 + 360)).isTrue();
    assertThat(in(dot, -33.5, Math.nextUp(151.25))).isFalse();
  }

  @Test
  void aRadiusLongerThanHalfTheMeridianHoldsTheWholeGlobe() {
    GeoShape everything = GeoShape.circle(new GeoPoint(12, 34), 20_003_931.46);
    assertThat(in(everything, -12, 34 - 180)).isTrue();
    assertThat(in(everything, 90, 0)).isTrue();
    assertThat(in(everything, -90, 0)).isTrue();
    GeoShape almost = GeoShape.circle(new GeoPoint(0, 0), 20_000_000);
    assertThat(in(almost, 0, 180)).isFalse();
    assertThat(in(almost, 0, 179)).as("19,926 km by the shortest way").isTrue();
  }

  @Test
  void acrossThePoleAndTheAntimeridian() {
    GeoShape polar = GeoShape.circle(new GeoPoint(89, 0), 300_000);
    assertThat(in(polar, 89, 180)).as("223 km over the pole").isTrue();
    assertThat(in(polar, 88, 180)).as("335 km over the pole").isFalse();
    GeoShape dateLine = GeoShape.circle(new GeoPoint(0, 179.5), 112_000);
    assertThat(in(dateLine, 0, -179.5)).isTrue();
    assertThat(in(dateLine, 0, 180.5)).isTrue();
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> GeoShape.circle(new GeoPoint(0, 0), -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoShape.circle(new GeoPoint(0, 0), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoShape.circle(new GeoPoint(0, 0), Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoShape.circle(new GeoPoint(91, 0), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoShape.circle(null, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoShape.annulus(new GeoPoint(0, 0), 2, 1))
        .hasMessage("inner radius must be smaller than outer radius");
    assertThatThrownBy(() -> GeoShape.annulus(new GeoPoint(0, 0), -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoShape.annulus(new GeoPoint(0, Double.NaN), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalCirclesShareTheirCanonicalText() {
    assertThat(GeoShape.circle(new GeoPoint(10, 30), 5)).isEqualTo(GeoShape.circle(new GeoPoint(10, 390), 5.0));
    assertThat(GeoShape.circle(new GeoPoint(90, 30), 5)).isEqualTo(GeoShape.circle(new GeoPoint(90, -100), 5));
    assertThat(GeoShape.circle(new GeoPoint(10, 180), 5)).isEqualTo(GeoShape.circle(new GeoPoint(10, -180), 5));
    assertThat(GeoShape.circle(new GeoPoint(10, 30), 5)).isNotEqualTo(GeoShape.circle(new GeoPoint(10, 30), 6));
    assertThat(GeoShape.circle(new GeoPoint(10, 30), 5)).isNotEqualTo(GeoShape.annulus(new GeoPoint(10, 30), 0, 5));
    assertThat(GeoShape.annulus(new GeoPoint(10, 30), 1, 5)).isEqualTo(GeoShape.annulus(new GeoPoint(10, 30), 1, 5));
  }
}
