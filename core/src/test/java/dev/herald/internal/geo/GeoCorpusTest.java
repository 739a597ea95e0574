package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The geo cases of the conformance corpus (conformance/filters.json), one test per case, written
 * against shapes and points: each builds the shape from the filter's operand the way the filter parser
 * does, and checks every document point of the case, including the cases marked "deviation", whose
 * answers are Herald's. Key order and structural checks of the keywords themselves (exact property
 * counts, field names) belong to the filter parser and are not repeated here.
 */
class GeoCorpusTest {

  /** Whether the document value is a readable point inside the shape (what a geo filter matches). */
  private static boolean matches(GeoShape shape, Object docValue) {
    GeoPoint p = GeoPoints.parse(docValue);
    return p != null && shape.contains(p);
  }

  private static Map<String, Object> latLon(Object lat, Object lon) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lat", lat);
    m.put("lon", lon);
    return m;
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static GeoPoint centre(Object value) {
    GeoPoint p = GeoPoints.parse(value);
    assertThat(p).as("centre %s", value).isNotNull();
    return p;
  }

  @Nested
  class GeoBoundingBox {
    private final GeoShape montpellier =
        GeoShape.box(map("top", 43.6331979, "left", 3.8433703, "bottom", 43.5810609, "right", 3.9282093));

    @Test
    void topLeftBottomRightNumbersWithInclusiveEdgesAndEveryDocumentPointFormat() {
      assertThat(matches(montpellier, latLon(43.6, 3.9))).isTrue();
      assertThat(matches(montpellier, List.of(43.6, 3.9))).isTrue();
      assertThat(matches(montpellier, "43.6,3.9")).isTrue();
      assertThat(matches(montpellier, "spf8prntv18e")).isTrue();
      assertThat(matches(montpellier, latLon("43.6", "3.9"))).isTrue();
      assertThat(matches(montpellier, map("latLon", List.of(43.6, 3.9)))).isTrue();
      assertThat(matches(montpellier, map("lat_lon", latLon(43.6, 3.9)))).isTrue();
      assertThat(matches(montpellier, latLon(43.6331979, 3.8433703))).as("top-left corner").isTrue();
      assertThat(matches(montpellier, List.of(3.9, 43.6))).as("lon/lat swapped").isFalse();
      assertThat(GeoPoints.parse(null)).as("missing field").isNull();
      assertThat(matches(montpellier, "garbage!")).isFalse();
    }

    @Test
    void sidesMayBeNumericStrings() {
      GeoShape box = GeoShape.box(
          map("top", "43.6331979", "left", "3.8433703", "bottom", "43.5810609", "right", "3.9282093"));
      assertThat(matches(box, List.of(43.6, 3.9))).isTrue();
      assertThat(box).isEqualTo(montpellier);
    }

    @Test
    void topLeftAndBottomRightGeopoints() {
      GeoShape box = GeoShape.box(map(
          "topLeft", latLon(43.6331979, 3.8433703), "bottomRight", latLon(43.5810609, 3.9282093)));
      assertThat(matches(box, List.of(43.6, 3.9))).isTrue();
    }

    @Test
    void snakeCaseCornersAsStrings() {
      GeoShape box = GeoShape.box(
          map("top_left", "43.6331979, 3.8433703", "bottom_right", "43.5810609, 3.9282093"));
      assertThat(matches(box, List.of(43.6, 3.9))).isTrue();
    }

    @Test
    void extraPropertiesAreIgnored() {
      GeoShape box = GeoShape.box(map("top", 1, "left", 1, "bottom", 0, "right", 2, "extra", 5));
      assertThat(matches(box, List.of(0.5, 1.5))).isTrue();
    }

    @Test
    void topBelowBottomIsRejected() {
      assertThatThrownBy(() -> GeoShape.box(map("top", 0, "left", 0, "bottom", 1, "right", 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("top")
          .hasMessageContaining("bottom");
    }

    @Test
    void leftEastOfRightCrossesTheAntimeridian() { // deviation: Koncorde rejects it
      GeoShape box = GeoShape.box(map("top", 10, "left", 170, "bottom", -10, "right", -170));
      assertThat(matches(box, List.of(0, 175))).isTrue();
      assertThat(matches(box, List.of(0, -175))).isTrue();
      assertThat(matches(box, List.of(0, 0))).isFalse();
      assertThat(matches(box, List.of(20, 175))).isFalse();
    }

    @Test
    void boxLongitudesAreModulo360() {
      GeoShape box = GeoShape.box(map("top", 60, "left", -200, "bottom", 0, "right", -150));
      assertThat(matches(box, List.of(30, 170))).isTrue();
      assertThat(matches(box, List.of(30, -170))).isTrue();
    }

    @Test
    void documentLongitudesAreModulo360() {
      GeoShape box = GeoShape.box(map("top", 60, "left", 0, "bottom", 0, "right", 60));
      assertThat(matches(box, List.of(30, 390))).isTrue();
      assertThat(matches(box, List.of(60, 30))).isTrue();
      assertThat(matches(box, List.of(60.0000001, 30))).isFalse();
    }

    @Test
    void aMissingCornerIsAnUnrecognizedGeoPoint() {
      assertThatThrownBy(() -> GeoShape.box(map("top", 1, "left", 1, "bottom", 0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unrecognized geo-point format");
    }

    @Test
    void aNonNumericSideIsAnUnrecognizedBoxShowingTheOperand() {
      assertThatThrownBy(() -> GeoShape.box(map("top", "x", "left", 1, "bottom", 0, "right", 2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unrecognized geoBoundingBox format: {\"top\":\"x\",\"left\":1,\"bottom\":0,\"right\":2}");
    }
  }

  @Nested
  class GeoDistance {
    @Test
    void readmeExample() {
      GeoShape circle = GeoShape.circle(
          centre(latLon(43.6073913, 3.9109057)), Distances.parseMeters("500m"));
      assertThat(matches(circle, latLon(43.608, 3.905))).isTrue();
      assertThat(matches(circle, latLon(43.6073913, 5.7))).isFalse();
      assertThat(matches(circle, "43.608,3.905")).isTrue();
    }

    @Test
    void distanceZeroMatchesTheExactCentreOnly() {
      GeoShape circle = GeoShape.circle(centre(List.of(0, 0)), Distances.parseMeters("0m"));
      assertThat(matches(circle, List.of(0, 0))).isTrue();
      assertThat(matches(circle, List.of(0, 1e-07))).isFalse();
    }

    @Test
    void exactEllipsoidalDistanceWithoutRectangleClipping() { // deviation: Koncorde misses 18.99 and 19.03
      GeoShape circle = GeoShape.circle(centre(List.of(10, 20)), Distances.parseMeters("1000km"));
      assertThat(matches(circle, List.of(18.98, 20))).isTrue();
      assertThat(matches(circle, List.of(18.99, 20))).isTrue();
      assertThat(matches(circle, List.of(19.03, 20))).isTrue();
      assertThat(matches(circle, List.of(19.05, 20))).isFalse();
      assertThat(matches(circle, List.of(10, 29.12))).isTrue();
      assertThat(matches(circle, List.of(10, 29.13))).isFalse();
    }

    @Test
    void acrossTheAntimeridian() {
      GeoShape circle = GeoShape.circle(centre(List.of(0, 179)), Distances.parseMeters("1000km"));
      assertThat(matches(circle, List.of(0, -179))).isTrue();
    }

    @Test
    void aNumericDistanceIsInMeters() { // deviation: Koncorde requires a string
      GeoShape circle = GeoShape.circle(centre(List.of(0, 0)), Distances.parseMeters(500));
      assertThat(matches(circle, List.of(0, 0.004))).isTrue();
      assertThat(matches(circle, List.of(0, 0.005))).isFalse();
    }

    @Test
    void aDistanceWithoutUnitIsInMeters() { // deviation: Koncorde rejects "500"
      GeoShape circle = GeoShape.circle(centre(List.of(0, 0)), Distances.parseMeters("500"));
      assertThat(matches(circle, List.of(0, 0.004))).isTrue();
      assertThat(matches(circle, List.of(0, 0.005))).isFalse();
    }

    @Test
    void anUnreadableCentreIsNoPoint() {
      assertThat(GeoPoints.parse("x")).isNull();
    }
  }

  @Nested
  class GeoDistanceRange {
    @Test
    void wikiExampleExcludesTheInnerDisc() {
      GeoShape ring = GeoShape.annulus(centre(List.of(51.5029017, -0.1606903)),
          Distances.parseMeters("1km"), Distances.parseMeters("10 kilometers"));
      assertThat(matches(ring, latLon(51.519291, -0.149817))).isTrue();
      assertThat(matches(ring, latLon(32.692742, -97.114127))).isFalse();
      assertThat(matches(ring, List.of(51.5029017, -0.1606903))).isFalse();
    }

    @Test
    void fromZeroIncludesTheCentre() {
      GeoShape ring = GeoShape.annulus(centre(List.of(0, 0)),
          Distances.parseMeters("0m"), Distances.parseMeters("2km"));
      assertThat(matches(ring, List.of(0, 0))).isTrue();
    }

    @Test
    void fromNotBelowToIsRejected() {
      assertThatThrownBy(() -> GeoShape.annulus(centre(List.of(0, 0)),
              Distances.parseMeters("1km"), Distances.parseMeters("1km")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("inner radius must be smaller than outer radius");
    }

    @Test
    void numericDistancesAreInMeters() { // deviation: Koncorde requires strings
      GeoShape ring = GeoShape.annulus(centre(List.of(0, 0)),
          Distances.parseMeters(1000), Distances.parseMeters("2km"));
      assertThat(matches(ring, List.of(0, 0.005))).isFalse();
      assertThat(matches(ring, List.of(0, 0.012))).isTrue();
      assertThat(matches(ring, List.of(0, 0.02))).isFalse();
    }
  }

  @Nested
  class GeoPolygon {
    private GeoShape polygon(Object... points) {
      return GeoShape.polygon(java.util.Arrays.stream(points).map(GeoCorpusTest::centre).toList());
    }

    @Test
    void mixedPointFormatsAndBoundaryIncluded() {
      GeoShape london = polygon(latLon(51.523029, -0.160793), List.of(51.522842, -0.145043),
          "51.518303, -0.146116", map("latLon", latLon(51.516487, -0.162295)), "gcpvh6uxh60x1");
      assertThat(matches(london, latLon(51.519291, -0.149817))).isTrue();
      assertThat(matches(london, latLon(32.692742, -97.114127))).isFalse();
      assertThat(matches(london, List.of(51.523029, -0.160793))).as("a vertex").isTrue();
    }

    @Test
    void triangleVerticesAndEdgesAreInside() {
      GeoShape triangle = polygon(List.of(0, 0), List.of(0, 10), List.of(10, 10));
      assertThat(matches(triangle, List.of(1, 5))).isTrue();
      assertThat(matches(triangle, List.of(5, 1))).isFalse();
      assertThat(matches(triangle, List.of(0, 0))).isTrue();
      assertThat(matches(triangle, List.of(0, 5))).isTrue();
    }

    @Test
    void orientationDoesNotMatterAndClosingIsOptional() {
      GeoShape square = polygon(List.of(0, 0), List.of(0, 10), List.of(10, 10), List.of(10, 0), List.of(0, 0));
      assertThat(matches(square, List.of(5, 5))).isTrue();
    }

    @Test
    void edgesAreGreatCircleArcsThatBulgePoleward() {
      GeoShape p = polygon(List.of(0, 0), List.of(60, 0), List.of(60, 60), List.of(0, 60));
      assertThat(matches(p, List.of(62, 30))).isTrue();
      assertThat(matches(p, List.of(63.3, 30))).isTrue();
      assertThat(matches(p, List.of(63.6, 30))).isFalse();
    }

    @Test
    void antimeridianCrossingTakesTheShortWay() {
      GeoShape p = polygon(List.of(0, 170), List.of(10, 170), List.of(10, -170), List.of(0, -170));
      assertThat(matches(p, List.of(5, 175))).isTrue();
      assertThat(matches(p, List.of(5, 0))).isFalse();
    }

    @Test
    void fewerThanThreePointsIsRejected() {
      assertThatThrownBy(() -> polygon(List.of(0, 0), List.of(0, 10)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 3");
    }

    @Test
    void anUnreadableVertexIsNoPoint() {
      assertThat(GeoPoints.parse("z!")).isNull();
    }
  }

  @Nested
  class NotGeo {
    private final GeoShape box = GeoShape.box(map("top", 1, "left", 0, "bottom", 0, "right", 1));

    /** A negated geo filter matches when the value is not a readable point inside the shape. */
    private boolean notMatches(Object docValue) {
      return !matches(box, docValue);
    }

    @Test
    void missingFalsyAndOutsidePointsMatchTheBorderIsInside() {
      assertThat(notMatches(List.of(0.5, 0.5))).isFalse();
      assertThat(notMatches(List.of(5, 5))).isTrue();
      assertThat(notMatches(null)).isTrue();
      assertThat(notMatches(0)).isTrue();
      assertThat(notMatches("")).isTrue();
      assertThat(notMatches(List.of(1, 1))).isFalse();
    }

    @Test
    void anUnreadablePointIsOutsideSoTheNegationMatches() { // deviation: Koncorde matches nothing
      assertThat(notMatches("x,y")).isTrue();
      assertThat(notMatches(List.of(1, 2, 3))).isTrue();
    }
  }
}
