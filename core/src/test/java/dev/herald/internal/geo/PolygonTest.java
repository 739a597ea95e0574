package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolygonTest {
  private static final long SEED = 987_654_321L;

  private static GeoShape polygon(double... latLons) {
    List<GeoPoint> points = new ArrayList<>();
    for (int i = 0; i < latLons.length; i += 2) {
      points.add(new GeoPoint(latLons[i], latLons[i + 1]));
    }
    return GeoShape.polygon(points);
  }

  private static boolean in(GeoShape shape, double lat, double lon) {
    return shape.contains(new GeoPoint(lat, lon));
  }

  @Test
  void aRingAroundTheNorthPoleHoldsThePole() {
    GeoShape cap = polygon(80, 0, 80, 90, 80, 180, 80, -90);
    assertThat(in(cap, 90, 0)).isTrue();
    assertThat(in(cap, 85, 45)).isTrue();
    assertThat(in(cap, 81, 0)).as("above a vertex").isTrue();
    assertThat(in(cap, 80, 0)).as("a vertex").isTrue();
    // The edges are great circles: between 80°N at 0° and 90° they rise to atan(tan 80° / cos 45°).
    double crest = Math.toDegrees(Math.atan(Math.tan(Math.toRadians(80)) / Math.cos(Math.toRadians(45))));
    assertThat(in(cap, crest + 1e-6, 45)).isTrue();
    assertThat(in(cap, crest - 1e-6, 45)).isFalse();
    assertThat(in(cap, 0, 0)).isFalse();
    assertThat(in(cap, -90, 0)).isFalse();
    assertThat(polygon(80, -90, 80, 180, 80, 90, 80, 0)).as("reversed").isEqualTo(cap);
  }

  @Test
  void aRingAroundTheSouthPoleHoldsThePole() {
    GeoShape cap = polygon(-10, 0, -10, 120, -10, -120);
    double trough = Math.toDegrees(Math.atan(Math.tan(Math.toRadians(-10)) / Math.cos(Math.toRadians(60))));
    assertThat(in(cap, -90, 0)).isTrue();
    assertThat(in(cap, -50, 60)).isTrue();
    assertThat(in(cap, trough - 1e-6, 60)).isTrue();
    assertThat(in(cap, trough + 1e-6, 60)).isFalse();
    assertThat(in(cap, 0, 0)).isFalse();
    assertThat(in(cap, 90, 0)).isFalse();
  }

  @Test
  void aPoleVertexStandsForTheArcBetweenItsNeighboursMeridians() {
    GeoShape wedge = polygon(90, 0, 0, 0, 0, 90);
    assertThat(in(wedge, 90, 0)).isTrue();
    assertThat(in(wedge, 90, 123)).as("the pole, whatever its longitude").isTrue();
    assertThat(in(wedge, 89.9, 45)).isTrue();
    assertThat(in(wedge, 45, 45)).isTrue();
    assertThat(in(wedge, 45, 0)).as("on the meridian edge").isTrue();
    assertThat(in(wedge, 45, 135)).isFalse();
    assertThat(in(wedge, 89.9, -45)).isFalse();
    assertThat(in(wedge, -1, 45)).isFalse();
  }

  @Test
  void anEdgeSpanning180DegreesOfLongitudeRunsOverTheNearerPole() {
    GeoShape implicit = polygon(10, 0, 20, 180, -30, 90);
    GeoShape explicit = polygon(10, 0, 90, 0, 20, 180, -30, 90);
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      GeoPoint p = new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
      assertThat(implicit.contains(p)).as("seed %d: %s", SEED, p).isEqualTo(explicit.contains(p));
    }
    assertThat(in(implicit, 90, 0)).as("on the edge").isTrue();
    assertThat(in(implicit, 60, 0)).as("on the edge").isTrue();
  }

  @Test
  void theSmallerSideIsInsideAndTwoHemispheresTieToTheNorth() {
    GeoShape equator = polygon(0, 0, 0, 120, 0, -120);
    assertThat(in(equator, 10, 0)).isTrue();
    assertThat(in(equator, -10, 0)).isFalse();
    assertThat(in(equator, 0, 60)).isTrue();
    // Nearly a hemisphere, but just under: the southern side.
    GeoShape south = polygon(-0.001, 0, -0.001, 120, -0.001, -120);
    assertThat(in(south, -10, 0)).isTrue();
    assertThat(in(south, 10, 0)).isFalse();
  }

  @Test
  void edgesBetweenAntipodalPointsAreRejected() {
    assertThatThrownBy(() -> polygon(0, 0, 0, 180, 10, 90))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("antipodal");
    assertThatThrownBy(() -> polygon(90, 0, -90, 0, 0, 10)).hasMessageContaining("antipodal");
    assertThatThrownBy(() -> polygon(20, -30, -20, 150, 0, 10)).hasMessageContaining("antipodal");
  }

  @Test
  void fewerThanThreeDistinctVerticesAreRejected() {
    for (GeoPoint[] vertices : List.of(
        new GeoPoint[] {new GeoPoint(0, 0), new GeoPoint(0, 10)},
        new GeoPoint[] {new GeoPoint(0, 0), new GeoPoint(0, 10), new GeoPoint(0, 0)},
        new GeoPoint[] {new GeoPoint(1, 2), new GeoPoint(1, 2), new GeoPoint(1, 2), new GeoPoint(3, 4)},
        new GeoPoint[] {new GeoPoint(90, 0), new GeoPoint(90, 50), new GeoPoint(0, 0)},
        new GeoPoint[] {new GeoPoint(0, 10), new GeoPoint(0, 370), new GeoPoint(5, 5)})) {
      assertThatThrownBy(() -> GeoShape.polygon(Arrays.asList(vertices)))
          .as("%s", Arrays.toString(vertices))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("at least 3 distinct points are required to build a polygon");
    }
    assertThatThrownBy(() -> GeoShape.polygon(Arrays.asList(new GeoPoint(0, 0), null, new GeoPoint(1, 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> polygon(0, 0, 100, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotationOrientationClosingAndLongitudeTurnsGiveTheSamePolygon() {
    GeoShape p = polygon(0, 0, 0, 10, 10, 10, 10, 0);
    assertThat(polygon(10, 10, 10, 0, 0, 0, 0, 10)).isEqualTo(p);
    assertThat(polygon(10, 0, 10, 10, 0, 10, 0, 0)).isEqualTo(p);
    assertThat(polygon(0, 0, 0, 10, 10, 10, 10, 0, 0, 0)).isEqualTo(p);
    assertThat(polygon(0, 360, 0, 10, 0, 10, 10, -350, 10, 0)).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(polygon(0, 0, 0, 10, 10, 10, 10, 1)).isNotEqualTo(p);
    assertThat(p.canonical()).isEqualTo("polygon(0.0,0.0;0.0,10.0;10.0,10.0;10.0,0.0)");
  }

  @Test
  void degeneratePolygonsHoldTheirBoundaryOnly() {
    GeoShape line = polygon(0, 0, 0, 10, 0, 5);
    assertThat(in(line, 0, 7)).isTrue();
    assertThat(in(line, 0.001, 7)).isFalse();
    assertThat(in(line, -0.001, 7)).isFalse();
  }

  /**
   * Random star-shaped polygons (vertices around a centre, at increasing azimuths, up to 60° away),
   * anywhere on the globe, poles and antimeridian included, written in either orientation and from
   * any vertex, against an independent test: a point is inside when, in the angular sector of the
   * centre it falls in, it is on the centre's side of that sector's edge.
   */
  @Test
  void agreesWithASectorTestOnRandomStarShapedPolygons() {
    Random random = new Random(SEED);
    int inside = 0;
    int checked = 0;
    for (int n = 0; n < 500; n++) {
      Star star = Star.random(random);
      GeoShape shape = GeoShape.polygon(star.written(random));
      Bounds bounds = shape.bounds();
      for (int i = 0; i < 200; i++) {
        GeoPoint p = i < 150 ? star.around(random) : new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
        Boolean expected = star.oracle(p);
        if (expected == null) {
          continue; // within a micrometre of an edge's great circle
        }
        boolean actual = shape.contains(p);
        assertThat(actual).as("seed %d, polygon %s, point %s", SEED, shape, p).isEqualTo(expected);
        if (actual) {
          inside++;
          assertThat(inBounds(bounds, p)).as("bounds %s hold %s of %s", bounds, p, shape).isTrue();
        }
        checked++;
      }
      for (GeoPoint v : star.vertices) {
        assertThat(shape.contains(v)).as("vertex %s of %s", v, shape).isTrue();
      }
      for (GeoPoint m : star.edgeMidpoints()) {
        assertThat(shape.contains(m)).as("edge midpoint %s of %s", m, shape).isTrue();
      }
    }
    assertThat(inside).isBetween(checked / 10, checked * 9 / 10);
  }

  /**
   * The meridian of a vertex: a point a rounding error west of it, deep inside, is inside. (The test
   * once decided the edges' longitude intervals with a rounded difference, which lost this point.)
   */
  @Test
  void aPointOneUlpWestOfAVertexMeridianIsInside() {
    GeoShape triangle = polygon(-20, -70, 20, 50, -20, 60);
    double lon = 50;
    for (int i = 0; i < 8; i++) {
      lon = Math.nextDown(lon);
      assertThat(in(triangle, 0, lon)).as("at longitude %s", lon).isTrue();
    }
    assertThat(in(triangle, 0, 50)).isTrue();
    assertThat(in(triangle, 0, Math.nextUp(50.0))).isTrue();
  }

  static boolean inBounds(Bounds b, GeoPoint p) {
    if (p.lat() < b.south || p.lat() > b.north) {
      return false;
    }
    return b.allLongitudes() || Math.abs(p.lat()) == 90 || GeoShape.eastward(p.lon() - b.west) <= b.width;
  }

  static double[] unit(GeoPoint p) {
    double phi = Math.toRadians(p.lat());
    double lambda = Math.toRadians(p.lon());
    return new double[] {Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)};
  }

  static GeoPoint point(double[] v) {
    double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new GeoPoint(Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, v[2] / norm)))),
        Math.toDegrees(Math.atan2(v[1], v[0])));
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  /** A star-shaped polygon around a centre, with the centre's local frame. */
  static final class Star {
    final double[] c;
    final double[] north;
    final double[] east;
    final double[] azimuths;
    final List<GeoPoint> vertices = new ArrayList<>();
    final List<double[]> units = new ArrayList<>();

    private Star(GeoPoint centre, double[] azimuths, double[] radii) {
      c = unit(centre);
      double phi = Math.toRadians(centre.lat());
      double lambda = Math.toRadians(centre.lon());
      if (Math.abs(centre.lat()) == 90) {
        lambda = 0;
      }
      east = new double[] {-Math.sin(lambda), Math.cos(lambda), 0};
      north = new double[] {-Math.sin(phi) * Math.cos(lambda), -Math.sin(phi) * Math.sin(lambda), Math.cos(phi)};
      this.azimuths = azimuths;
      for (int i = 0; i < azimuths.length; i++) {
        GeoPoint v = point(along(azimuths[i], radii[i]));
        vertices.add(v);
        units.add(unit(v)); // from the rounded latitude and longitude, as the polygon sees them
      }
    }

    static Star random(Random random) {
      GeoPoint centre;
      switch (random.nextInt(5)) {
        case 0:
          centre = new GeoPoint(Math.copySign(70 + random.nextDouble() * 20, random.nextGaussian()), random.nextDouble() * 360 - 180);
          break;
        case 1:
          centre = new GeoPoint(random.nextDouble() * 120 - 60, 180 - random.nextDouble() * 2);
          break;
        default:
          centre = new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
      }
      double scale = random.nextBoolean() ? 60 : Math.pow(10, -3 + random.nextDouble() * 4);
      int k = 3 + random.nextInt(10);
      double[] azimuths;
      do {
        azimuths = new double[k];
        for (int i = 0; i < k; i++) {
          azimuths[i] = random.nextDouble() * 2 * Math.PI - Math.PI;
        }
        Arrays.sort(azimuths);
      } while (maxGap(azimuths) > Math.toRadians(170));
      double[] radii = new double[k];
      for (int i = 0; i < k; i++) {
        radii[i] = Math.toRadians(scale * (0.2 + 0.8 * random.nextDouble()));
      }
      return new Star(centre, azimuths, radii);
    }

    private static double maxGap(double[] sorted) {
      double gap = sorted[0] + 2 * Math.PI - sorted[sorted.length - 1];
      for (int i = 1; i < sorted.length; i++) {
        gap = Math.max(gap, sorted[i] - sorted[i - 1]);
      }
      return gap;
    }

    double[] along(double azimuth, double angle) {
      double[] v = new double[3];
      for (int j = 0; j < 3; j++) {
        v[j] = Math.cos(angle) * c[j]
            + Math.sin(angle) * (Math.cos(azimuth) * north[j] + Math.sin(azimuth) * east[j]);
      }
      return v;
    }

    /** The vertices as a filter could give them: any start, either orientation, maybe closed. */
    List<GeoPoint> written(Random random) {
      List<GeoPoint> ring = new ArrayList<>(vertices);
      Collections.rotate(ring, random.nextInt(ring.size()));
      if (random.nextBoolean()) {
        Collections.reverse(ring);
      }
      if (random.nextBoolean()) {
        ring.add(ring.get(0));
      }
      return ring;
    }

    GeoPoint around(Random random) {
      double maxRadius = 0;
      for (double[] u : units) {
        maxRadius = Math.max(maxRadius, Math.acos(Math.min(1, dot(u, c))));
      }
      return point(along(random.nextDouble() * 2 * Math.PI - Math.PI, maxRadius * 1.3 * random.nextDouble()));
    }

    List<GeoPoint> edgeMidpoints() {
      List<GeoPoint> result = new ArrayList<>();
      for (int i = 0; i < units.size(); i++) {
        double[] a = units.get(i);
        double[] b = units.get((i + 1) % units.size());
        result.add(point(new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]}));
      }
      return result;
    }

    /** Inside, outside, or null when too close to an edge's great circle to tell. */
    Boolean oracle(GeoPoint p) {
      double[] u = unit(p);
      int k = units.size();
      for (int i = 0; i < k; i++) {
        double[] n = cross(units.get(i), units.get((i + 1) % k));
        if (Math.abs(dot(n, u)) / Math.sqrt(dot(n, n)) < 1e-9) {
          return null;
        }
      }
      if (dot(u, c) <= 0) {
        return false;
      }
      double azimuth = Math.atan2(dot(u, east), dot(u, north));
      int sector = k - 1; // wraps from the last vertex to the first
      for (int i = 0; i + 1 < k; i++) {
        if (azimuth >= azimuths[i] && azimuth < azimuths[i + 1]) {
          sector = i;
        }
      }
      double[] n = cross(units.get(sector), units.get((sector + 1) % k));
      return Math.signum(dot(n, u)) == Math.signum(dot(n, c));
    }
  }
}
