package dev.herald.filter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Validates the oracle itself: the reference evaluator must give every answer of the conformance
 * corpus for every valid filter (where a case marks a deviation, Herald's answer, not Koncorde's).
 */
class ReferenceEvaluatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> answersEveryValidCorpusCase() throws IOException {
    List<Map<String, Object>> cases = validCases();
    assertThat(cases).hasSizeGreaterThan(100);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      Object filter = c.get("filter");
      String name = "#" + i + " " + c.get("group") + ": " + c.get("note");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        for (Object entry : ReferenceEvaluator.asList(c.get("docs"))) {
          Map<String, Object> doc = ReferenceEvaluator.asMap(ReferenceEvaluator.asMap(entry).get("doc"));
          boolean expected = (Boolean) ReferenceEvaluator.asMap(entry).get("matches");
          assertThat(ReferenceEvaluator.matches(filter, doc))
              .as("filter %s on document %s", JSON.writeValueAsString(filter), JSON.writeValueAsString(doc))
              .isEqualTo(expected);
        }
      }));
    }
    return tests.stream();
  }

  /**
   * Geodesic lengths computed with GeographicLib (Karney's algorithm, geographiclib-geodesic 2.2.0 for
   * JavaScript), including nearly antipodal pairs, where Vincenty's iteration does not converge.
   */
  @Test
  void geodesicDistancesAgreeWithGeographicLib() {
    double[][] cases = {
      // lat1, lon1, lat2, lon2, meters
      {10, 20, 18.99, 20, 994706.365709},
      {10, 20, 10, 29.12, 999879.091809},
      {0, 179, 0, -179, 222638.981587},
      {43.6073913, 3.9109057, 43.608, 3.905, 481.556156},
      {51.5029017, -0.1606903, 51.519291, -0.149817, 1973.514321},
      {0, 0, 0, 0.004, 445.277963},
      {-30, 0, 29.9, 179.8, 19989832.827610},
      {0, 0, 0.5, 179.5, 19936288.578965},
      {0, 0, 0, 180, 20003931.458625},
      {0, 0, 0, 179.5, 19980861.908891},
      {0, 0, 0, 179.9, 20003008.421509},
      {10, 0, -10, 179.9, 20003008.421509},
      {-41.32, 174.81, 40.96, -5.5, 19959679.267354},
      {89, 0, -89, 180, 20003931.458625},
      {0.1, 0, -0.1, 179.95, 20003700.697353},
      {-60, -170, 60, 10.3, 19995624.889961},
      {45, 10, 45, 10, 0},
      {1e-9, 0, -1e-9, 180, 20003931.458625},
      {35.6, 139.7, -33.9, 151.2, 7786315.931838},
      {64.1, -21.9, -34.6, -58.4, 11401579.617281},
      {0, 0, 1, 0, 110574.388558},
      {0, 0, -1, 0.000001, 110574.388558},
      {12.5, 179.99, -12.4, -0.02, 19992860.997866},
      {-0.5, 37, 0.3, -143.2, 19979050.336630}
    };
    for (double[] c : cases) {
      assertThat(ReferenceEvaluator.Geodesic.distance(c[0], c[1], c[2], c[3]))
          .as("distance from (%s, %s) to (%s, %s)", c[0], c[1], c[2], c[3])
          .isCloseTo(c[4], org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  /**
   * The polygon test against another method: in the gnomonic projection centred on the polygon,
   * great-circle arcs are straight segments, so a planar crossing-number test decides the same.
   */
  @Test
  void polygonContainmentAgreesWithACrossingTestInTheGnomonicProjection() {
    Random random = new Random(20240607);
    int inside = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      double centreLat = random.nextDouble() * 140 - 70;
      double centreLon = random.nextDouble() * 360 - 180;
      double radius = 0.5 + random.nextDouble() * 25;
      int count = 3 + random.nextInt(6);
      double start = random.nextDouble() * 2 * Math.PI;
      List<double[]> vertices = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        double angle = start + 2 * Math.PI * (i + 0.8 * random.nextDouble()) / count;
        double r = radius * (0.3 + 0.7 * random.nextDouble());
        vertices.add(new double[] {centreLat + r * Math.sin(angle), centreLon + r * Math.cos(angle)});
      }
      double[] point = {
        centreLat + (random.nextDouble() - 0.5) * 3 * radius, centreLon + (random.nextDouble() - 0.5) * 3 * radius
      };
      if (Math.abs(point[0]) > 90 || vertices.stream().anyMatch(v -> Math.abs(v[0]) > 89)) {
        continue;
      }
      boolean expected = gnomonicCrossingTest(vertices, point);
      inside += expected ? 1 : 0;
      assertThat(ReferenceEvaluator.SphericalPolygon.contains(vertices, point))
          .as("point %s in polygon %s", java.util.Arrays.toString(point),
              vertices.stream().map(java.util.Arrays::toString).toList())
          .isEqualTo(expected);
    }
    assertThat(inside).isGreaterThan(1000);
  }

  private static boolean gnomonicCrossingTest(List<double[]> vertices, double[] point) {
    double[] centre = new double[3];
    for (double[] v : vertices) {
      double[] u = unit(v);
      for (int k = 0; k < 3; k++) {
        centre[k] += u[k];
      }
    }
    double norm = Math.sqrt(dot(centre, centre));
    for (int k = 0; k < 3; k++) {
      centre[k] /= norm;
    }
    // An orthonormal basis (east, north) of the plane tangent at the centre.
    double[] east = {-centre[1], centre[0], 0};
    double eastNorm = Math.sqrt(dot(east, east));
    for (int k = 0; k < 3; k++) {
      east[k] /= eastNorm;
    }
    double[] north = {
      centre[1] * east[2] - centre[2] * east[1], centre[2] * east[0] - centre[0] * east[2],
      centre[0] * east[1] - centre[1] * east[0]
    };
    double[] p = unit(point);
    if (dot(p, centre) <= 0) {
      return false; // beyond the horizon of the projection, so outside a polygon this small
    }
    double px = dot(p, east) / dot(p, centre);
    double py = dot(p, north) / dot(p, centre);
    boolean in = false;
    for (int i = 0; i < vertices.size(); i++) {
      double[] a = unit(vertices.get(i));
      double[] b = unit(vertices.get((i + 1) % vertices.size()));
      double ax = dot(a, east) / dot(a, centre);
      double ay = dot(a, north) / dot(a, centre);
      double bx = dot(b, east) / dot(b, centre);
      double by = dot(b, north) / dot(b, centre);
      if ((ay > py) != (by > py) && px < ax + (py - ay) * (bx - ax) / (by - ay)) {
        in = !in;
      }
    }
    return in;
  }

  private static double[] unit(double[] latLon) {
    double lat = Math.toRadians(latLon[0]);
    double lon = Math.toRadians(latLon[1]);
    return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }

  @Test
  void literalsWithAFractionOrExponentAreDoublesAndIntegerLiteralsExact() {
    // 1.8446744073709552E19 is the double 2^64, not the decimal 18446744073709552000.
    Object filter = ReferenceEvaluator.readJson("{\"equals\": {\"a\": 1.8446744073709552E19}}");
    assertThat(ReferenceEvaluator.matches(filter, Map.of("a", new java.math.BigInteger("18446744073709551616"))))
        .isTrue();
    assertThat(ReferenceEvaluator.matches(filter, Map.of("a", 1.8446744073709552E19))).isTrue();
    assertThat(ReferenceEvaluator.matches(filter, Map.of("a", new java.math.BigInteger("18446744073709552000"))))
        .isFalse();
    Object big = ReferenceEvaluator.readJson("{\"equals\": {\"a\": 18446744073709551617}}");
    assertThat(ReferenceEvaluator.matches(big, Map.of("a", new java.math.BigInteger("18446744073709551617")))).isTrue();
    assertThat(ReferenceEvaluator.matches(big, Map.of("a", 1.8446744073709552E19))).isFalse();
    Object tenth = ReferenceEvaluator.readJson("{\"equals\": {\"a\": 0.1}}");
    assertThat(ReferenceEvaluator.matches(tenth, Map.of("a", 0.1))).isTrue();
    Object one = ReferenceEvaluator.readJson("{\"equals\": {\"a\": 1.0}}");
    assertThat(ReferenceEvaluator.matches(one, Map.of("a", 1L))).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> validCases() throws IOException {
    try (InputStream in = ReferenceEvaluatorTest.class.getResourceAsStream("/conformance/filters.json")) {
      assertThat(in).as("conformance corpus on the test classpath").isNotNull();
      Map<String, Object> corpus = ReferenceEvaluator.asMap(
          ReferenceEvaluator.readJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
      List<Map<String, Object>> valid = new ArrayList<>();
      for (Object c : (List<Object>) corpus.get("cases")) {
        Map<String, Object> testCase = (Map<String, Object>) c;
        if (testCase.containsKey("error") && testCase.get("error") == null) {
          valid.add(testCase);
        }
      }
      return valid;
    }
  }
}
