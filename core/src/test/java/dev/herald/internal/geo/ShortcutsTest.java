package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts the index takes before the exact test (quick tests, polygon rasters, whole-cell
 * coverage) never give an answer other than the exact test's: checked on random shapes of every kind,
 * with points where shortcuts could go wrong (rims, edges, vertices, raster and grid cell sides,
 * poles, the antimeridian).
 */
class ShortcutsTest {
  private static final long SEED = 20_261_129L;

  /** The definition: the exact test on a probe. */
  static boolean exact(GeoShape shape, GeoPoint p) {
    Probe probe = new Probe();
    return probe.set(p) && shape.test(probe);
  }

  static int quick(GeoShape shape, GeoPoint p) {
    return shape.quickTest(p.lat(), p.lon(), GeoShape.normalizeLongitude(p.lon()));
  }

  /** Asserts the quick test is unsure or right; tells whether it decided. */
  private static boolean assertAgrees(GeoShape shape, GeoPoint p) {
    if (!(p.lat() >= -90 && p.lat() <= 90)) {
      return true;
    }
    int quick = quick(shape, p);
    boolean exact = exact(shape, p);
    if (quick != GeoShape.UNSURE) {
      assertThat(quick == GeoShape.INSIDE).as("seed %d: quick test of %s at %s", SEED, shape, p).isEqualTo(exact);
    }
    assertThat(shape.contains(p)).as("seed %d: contains of %s at %s", SEED, shape, p).isEqualTo(exact);
    return quick != GeoShape.UNSURE;
  }

  @Test
  void quickTestsNeverContradictTheExactTest() {
    Random random = new Random(SEED);
    RandomShapes shapes = new RandomShapes(random);
    for (int i = 0; i < 2000; i++) {
      GeoShape shape = shapes.shape();
      for (int j = 0; j < 60; j++) {
        assertAgrees(shape, j % 3 == 0 ? shapes.point() : shapes.pointNear(shape));
      }
    }
  }

  @Test
  void circlesAndAnnuliNearTheirRims() {
    Random random = new Random(SEED);
    double[] offsets = {0.1, 0.03, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8};
    int far = 0;
    int farDecided = 0;
    for (int i = 0; i < 600; i++) {
      GeoPoint c = i % 3 == 0 ? CircleTest.randomCentre(random)
          : new GeoPoint(random.nextDouble() * 160 - 80, random.nextDouble() * 360 - 180);
      double r = i % 2 == 0 ? CircleTest.randomRadius(random) : 100 + random.nextDouble() * 2000;
      GeoShape circle = GeoShape.circle(c, r);
      GeoShape ring = GeoShape.annulus(c, r / 2, r);
      for (double offset : offsets) {
        for (double sign : new double[] {-1, 1}) {
          for (double radius : new double[] {r, r / 2}) {
            GeoPoint p = CircleTest.near(c, radius * (1 + sign * offset), random.nextDouble() * 2 * Math.PI);
            boolean decided = assertAgrees(circle, p) & assertAgrees(ring, p);
            if (offset >= 0.03 && r <= 10_000 && Math.abs(c.lat()) <= 80) {
              far++;
              farDecided += decided ? 1 : 0;
            }
          }
        }
      }
      assertAgrees(circle, c);
      assertAgrees(ring, c);
      assertAgrees(circle, new GeoPoint(90, random.nextDouble() * 360));
      assertAgrees(circle, new GeoPoint(-90, random.nextDouble() * 360));
    }
    assertThat(farDecided).as("points 3%% or more off the rims of small circles are decided quickly").isEqualTo(far);
  }

  @Test
  void longitudeReductionsTakeTheirFastPathsExactly() {
    Random random = new Random(SEED);
    List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 180.0, -180.0, 360.0, -360.0, 540.0, -540.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300));
    for (double v : new double[] {180, -180, 360, -360, 0}) {
      double up = v;
      double down = v;
      for (int i = 0; i < 4; i++) {
        up = Math.nextUp(up);
        down = Math.nextDown(down);
        values.add(up);
        values.add(down);
      }
    }
    for (int i = 0; i < 100_000; i++) {
      values.add((random.nextDouble() - 0.5) * (i % 2 == 0 ? 800 : 1e6));
    }
    for (double v : values) {
      double r = Math.IEEEremainder(v, 360);
      double normalized = r == 180 ? -180 : r + 0.0;
      assertThat(Double.doubleToRawLongBits(GeoShape.normalizeLongitude(v)))
          .as("normalizeLongitude(%s)", v).isEqualTo(Double.doubleToRawLongBits(normalized));
      double east = r < 0 ? r + 360 : r;
      assertThat(Double.doubleToRawLongBits(GeoShape.eastward(v)))
          .as("eastward(%s)", v).isEqualTo(Double.doubleToRawLongBits(east));
    }
  }

  // ---- polygons -------------------------------------------------------------------------------

  /** Stars like the benchmark's (5 vertices 2° to 10° from a centre) and random ones anywhere. */
  static List<GeoShape> polygons(Random random, int count) {
    List<GeoShape> polygons = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % 2 == 0) {
        polygons.add(GeoShape.polygon(PolygonTest.Star.random(random).written(random)));
      } else {
        double lat = random.nextDouble() * 120 - 60;
        double lon = i % 10 == 1 ? 179 + random.nextDouble() * 2 : random.nextDouble() * 360 - 180;
        List<GeoPoint> vertices = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
          double bearing = Math.toRadians(k * 72 + random.nextDouble() * 20);
          double distance = 2 + random.nextDouble() * 8;
          vertices.add(new GeoPoint(lat + distance * Math.cos(bearing),
              lon + distance * Math.sin(bearing) / Math.cos(Math.toRadians(lat))));
        }
        polygons.add(GeoShape.polygon(vertices));
      }
    }
    return polygons;
  }

  /** Points on, just off, and inside the sides and corners of a lat/lon cell. */
  static List<GeoPoint> aroundCell(double south, double west, double size, Random random) {
    List<GeoPoint> points = new ArrayList<>();
    double[] offsets = {0, 1e-12, -1e-12, 1e-9, -1e-9, size / 2, size - 1e-12, size, size + 1e-12};
    for (double dLat : offsets) {
      for (double dLon : offsets) {
        points.add(new GeoPoint(Math.max(-90, Math.min(90, south + dLat)), west + dLon));
      }
    }
    for (int i = 0; i < 4; i++) {
      points.add(new GeoPoint(Math.max(-90, Math.min(90, south + random.nextDouble() * size)),
          west + random.nextDouble() * size));
    }
    return points;
  }

  /** The grid row and column of a point at a level, as the index computes them. */
  static int gridRow(double lat, int level) {
    return Math.min((int) ((lat + 90) / 180 * (1 << level)), (1 << level) - 1);
  }

  static int gridColumn(double lon, int level) {
    return Math.min((int) ((GeoShape.normalizeLongitude(lon) + 180) / 360 * (2 << level)), (2 << level) - 1);
  }

  /** Asserts that a cell marked as wholly inside or outside is so at points all over it. */
  private static void assertMarkHolds(GeoShape shape, int level, int row, int column, int mark, Random random) {
    if (mark != GeoShape.MARK_INSIDE && mark != GeoShape.MARK_OUTSIDE) {
      return;
    }
    double size = 180.0 / (1 << level);
    for (GeoPoint p : aroundCell(row * size - 90, column * size - 180, size, random)) {
      if (Math.abs(p.lat() - (row * size - 90 + size / 2)) > size / 2 + 2e-12) {
        continue; // clamped at a pole, off the cell
      }
      assertThat(exact(shape, p)).as("seed %d: %s marks cell (%d, %d) of level %d %s; at %s", SEED, shape,
          row, column, level, mark == GeoShape.MARK_INSIDE ? "inside" : "outside", p)
          .isEqualTo(mark == GeoShape.MARK_INSIDE);
    }
  }

  @Test
  void rasterMarksHoldAllOverTheirCells() {
    Random random = new Random(SEED);
    int rasterized = 0;
    int[] counts = new int[3];
    for (GeoShape shape : polygons(random, 300)) {
      int level = shape.level() + GeoIndex.SUB_LEVELS;
      Raster raster = ((Polygon) shape).raster(level);
      if (raster == null) {
        continue;
      }
      rasterized++;
      int[] c = raster.counts();
      for (int k = 0; k < 3; k++) {
        counts[k] += c[k];
      }
      GeoShape.CellMarks marks = shape.marks(level);
      for (int r = 0; r < raster.rows(); r++) {
        for (int col = 0; col < raster.columns(); col++) {
          int row = raster.gridRow(r);
          int column = raster.gridColumn(col);
          int mark = marks.mark(row, column);
          assertThat(mark).isNotEqualTo(GeoShape.MARK_QUICK);
          // Every cell at its centre, one in five all over.
          if ((r * 31 + col) % 5 == 0) {
            assertMarkHolds(shape, level, row, column, mark, random);
          } else if (mark != GeoShape.MARK_TEST) {
            double size = raster.cellSize();
            GeoPoint centre = new GeoPoint(row * size - 90 + size / 2, column * size - 180 + size / 2);
            assertThat(exact(shape, centre)).as("%s at %s", shape, centre).isEqualTo(mark == GeoShape.MARK_INSIDE);
          }
        }
      }
    }
    assertThat(rasterized).as("most polygons away from the poles have a raster").isGreaterThan(150);
    assertThat(counts[2]).as("most raster cells are decided").isLessThan((counts[0] + counts[1]) / 2);
  }

  /** Every kind of shape, anywhere: the marks of the sub-cells of the cells it is filed in hold. */
  @Test
  void marksOfEveryShapeHoldAllOverTheirCells() {
    Random random = new Random(SEED);
    RandomShapes shapes = new RandomShapes(random);
    int decided = 0;
    for (int i = 0; i < 600; i++) {
      GeoShape shape = shapes.shape();
      int level = shape.level();
      GeoShape.CellMarks marks = shape.marks(level + GeoIndex.SUB_LEVELS);
      for (long key : GeoIndex.keys(shape.bounds(), level)) {
        int row = (int) (key >>> 28) & ((1 << 28) - 1);
        int column = (int) key & ((1 << 28) - 1);
        for (int sub = 0; sub < GeoIndex.SUBS; sub += 1 + random.nextInt(4)) {
          int subRow = row << GeoIndex.SUB_LEVELS | sub >>> GeoIndex.SUB_LEVELS;
          int subColumn = column << GeoIndex.SUB_LEVELS | sub & GeoIndex.SUB_MASK;
          int mark = marks.mark(subRow, subColumn);
          decided += mark <= GeoShape.MARK_INSIDE ? 1 : 0;
          assertMarkHolds(shape, level + GeoIndex.SUB_LEVELS, subRow, subColumn, mark, random);
        }
      }
    }
    assertThat(decided).isPositive();
  }

  @Test
  void rastersDecideMostPointsOfTheBenchmarksStars() {
    Random random = new Random(SEED);
    int points = 0;
    int decided = 0;
    for (GeoShape shape : polygons(random, 200)) {
      Bounds b = shape.bounds();
      int level = shape.level() + GeoIndex.SUB_LEVELS;
      if (((Polygon) shape).raster(level) == null || !(b.width < 30)) {
        continue;
      }
      GeoShape.CellMarks marks = shape.marks(level);
      for (int i = 0; i < 200; i++) {
        GeoPoint p = new GeoPoint(b.south + random.nextDouble() * (b.north - b.south), b.west + random.nextDouble() * b.width);
        points++;
        int mark = marks.mark(gridRow(p.lat(), level), gridColumn(p.lon(), level));
        if (mark != GeoShape.MARK_TEST) {
          decided++;
          assertThat(exact(shape, p)).as("%s at %s", shape, p).isEqualTo(mark == GeoShape.MARK_INSIDE);
        }
      }
    }
    assertThat(decided).isGreaterThan(points * 3 / 4);
  }

  @Test
  void aPolygonCrossingTheAntimeridianHasARasterOnBothSides() {
    GeoShape shape = GeoShape.polygon(List.of(new GeoPoint(-5, 175), new GeoPoint(-4, -172),
        new GeoPoint(6, -174), new GeoPoint(5, 178)));
    int level = shape.level() + GeoIndex.SUB_LEVELS;
    assertThat(((Polygon) shape).raster(level)).isNotNull();
    GeoShape.CellMarks marks = shape.marks(level);
    assertThat(marks.mark(gridRow(0, level), gridColumn(179.5, level))).isEqualTo(GeoShape.MARK_INSIDE);
    assertThat(marks.mark(gridRow(0, level), gridColumn(-179.5, level))).isEqualTo(GeoShape.MARK_INSIDE);
    assertThat(marks.mark(gridRow(0, level), gridColumn(170, level))).isEqualTo(GeoShape.MARK_OUTSIDE);
    assertThat(marks.mark(gridRow(0, level), gridColumn(-165, level))).isEqualTo(GeoShape.MARK_OUTSIDE);
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      GeoPoint p = new GeoPoint(random.nextDouble() * 16 - 8, 170 + random.nextDouble() * 20);
      int mark = marks.mark(gridRow(p.lat(), level), gridColumn(p.lon(), level));
      if (mark != GeoShape.MARK_TEST) {
        assertThat(exact(shape, p)).as("%s at %s", shape, p).isEqualTo(mark == GeoShape.MARK_INSIDE);
      }
    }
  }

  @Test
  void polygonsAtOrAroundAPoleHaveNoRasterAndStayExact() {
    GeoShape cap = GeoShape.polygon(List.of(new GeoPoint(80, 0), new GeoPoint(80, 90), new GeoPoint(80, 180),
        new GeoPoint(80, -90)));
    GeoShape wedge = GeoShape.polygon(List.of(new GeoPoint(90, 0), new GeoPoint(0, 0), new GeoPoint(0, 90)));
    GeoShape nearPole = GeoShape.polygon(List.of(new GeoPoint(89.99999999, 0), new GeoPoint(88, 10), new GeoPoint(88, -10)));
    for (GeoShape shape : List.of(cap, wedge, nearPole)) {
      assertThat(((Polygon) shape).raster(shape.level() + GeoIndex.SUB_LEVELS)).as("%s", shape).isNull();
    }
    Random random = new Random(SEED);
    for (GeoShape shape : List.of(cap, wedge, nearPole)) {
      for (int i = 0; i < 5000; i++) {
        assertAgrees(shape, new GeoPoint(60 + random.nextDouble() * 30, random.nextDouble() * 360 - 180));
      }
      assertAgrees(shape, new GeoPoint(90, 0));
      assertAgrees(shape, new GeoPoint(90, 77));
    }
  }
}
