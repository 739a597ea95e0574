package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundingBoxTest {

  private static boolean in(GeoShape shape, double lat, double lon) {
    return shape.contains(new GeoPoint(lat, lon));
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @Test
  void everyEdgeIsInclusiveToTheLastBit() {
    GeoShape box = GeoShape.box(-0.3, -10.3, -0.7, -5.7);
    assertThat(in(box, -0.3, -10.3)).isTrue();
    assertThat(in(box, -0.7, -5.7)).isTrue();
    assertThat(in(box, -0.5, -5.7)).isTrue();
    assertThat(in(box, -0.5, Math.nextUp(-5.7))).isFalse();
    assertThat(in(box, -0.5, Math.nextDown(-10.3))).isFalse();
    assertThat(in(box, Math.nextUp(-0.3), -8)).isFalse();
    assertThat(in(box, Math.nextDown(-0.7), -8)).isFalse();
  }

  @Test
  void leftEastOfRightCrossesTheAntimeridian() {
    GeoShape box = GeoShape.box(10, 170, -10, -170);
    assertThat(in(box, 0, 180)).isTrue();
    assertThat(in(box, 0, -180)).isTrue();
    assertThat(in(box, 0, 170)).isTrue();
    assertThat(in(box, 0, -170)).isTrue();
    assertThat(in(box, 0, 190)).as("190 is -170").isTrue();
    assertThat(in(box, 0, -190)).as("-190 is 170").isTrue();
    assertThat(in(box, 0, 169.999)).isFalse();
    assertThat(in(box, 0, -169.999)).isFalse();
    assertThat(in(box, 0, 0)).isFalse();
  }

  @Test
  void aWidthOf360OrMoreCoversEveryLongitude() {
    for (GeoShape box : List.of(GeoShape.box(10, -180, -10, 180), GeoShape.box(10, 0, -10, 360),
        GeoShape.box(10, 10, -10, 500))) {
      for (double lon = -720; lon <= 720; lon += 7.5) {
        assertThat(in(box, 0, lon)).as("%s at %s", box, lon).isTrue();
      }
      assertThat(in(box, 11, 0)).isFalse();
    }
  }

  @Test
  void leftEqualToRightIsAMeridianLine() {
    GeoShape box = GeoShape.box(10, 25, -10, 25);
    assertThat(in(box, 0, 25)).isTrue();
    assertThat(in(box, 0, 385)).isTrue();
    assertThat(in(box, 0, 25.000001)).isFalse();
    assertThat(in(box, 0, 24.999999)).isFalse();
  }

  @Test
  void topEqualToBottomIsAParallelLine() {
    GeoShape box = GeoShape.box(45, 0, 45, 10);
    assertThat(in(box, 45, 5)).isTrue();
    assertThat(in(box, 45.000001, 5)).isFalse();
  }

  @Test
  void aBoxReachingAPoleHoldsItWhateverLongitudeThePointGives() {
    GeoShape box = GeoShape.box(90, 10, 80, 20);
    assertThat(in(box, 90, 0)).isTrue();
    assertThat(in(box, 90, -135)).isTrue();
    assertThat(in(box, 85, 0)).isFalse();
    assertThat(in(GeoShape.box(-80, 10, -90, 20), -90, 100)).isTrue();
  }

  @Test
  void invalidPointsAreInsideNoBox() {
    GeoShape all = GeoShape.box(90, -180, -90, 180);
    assertThat(all.contains(null)).isFalse();
    assertThat(all.contains(new GeoPoint(Double.NaN, 0))).isFalse();
    assertThat(all.contains(new GeoPoint(0, Double.POSITIVE_INFINITY))).isFalse();
    assertThat(all.contains(new GeoPoint(91, 0))).isFalse();
    assertThat(all.contains(new GeoPoint(0, 1e300))).isTrue();
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> GeoShape.box(0, 0, 1, 1)).hasMessageContaining("top must not be below bottom");
    assertThatThrownBy(() -> GeoShape.box(91, 0, 1, 1)).hasMessageContaining("top must be a latitude");
    assertThatThrownBy(() -> GeoShape.box(1, 0, -91, 1)).hasMessageContaining("bottom must be a latitude");
    assertThatThrownBy(() -> GeoShape.box(Double.NaN, 0, 0, 1)).hasMessageContaining("finite");
    assertThatThrownBy(() -> GeoShape.box(1, Double.NEGATIVE_INFINITY, 0, 1)).hasMessageContaining("finite");
    assertThatThrownBy(() -> GeoShape.box(map("top", "Infinity", "left", 0, "bottom", 0, "right", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void operandForms() {
    GeoShape sides = GeoShape.box(map("top", 2, "left", 1, "bottom", 0, "right", 3));
    assertThat(GeoShape.box(map("topLeft", List.of(2, 1), "bottomRight", "0,3"))).isEqualTo(sides);
    assertThat(GeoShape.box(map("top_left", map("lat", 2, "lon", 1), "bottom_right", map("latLon", List.of(0, 3)))))
        .isEqualTo(sides);
    assertThat(GeoShape.box(map("top", "2.0", "left", "1abc", "bottom", 0.0, "right", 3L))).isEqualTo(sides);
    assertThat(GeoShape.box(map("top", 2, "left", 1, "bottom", 0, "right", 3, "topLeft", "garbage")))
        .as("the sides win when all four are there")
        .isEqualTo(sides);
    GeoShape geohashCorner = GeoShape.box(map("topLeft", "spf8prntv18e", "bottomRight", List.of(43.5810609, 3.9282093)));
    assertThat(in(geohashCorner, 43.6, 3.9)).isTrue();
    assertThat(in(geohashCorner, 43.6, 3.8)).isFalse();
  }

  @Test
  void operandRejections() {
    for (Object operand : new Object[] {
        null, "box", List.of(1, 2, 3, 4), map(), map("topLeft", List.of(2, 1)),
        map("topLeft", "garbage!", "bottomRight", "0,3"), map("top_left", List.of(2, 1), "bottomRight", 5)}) {
      assertThatThrownBy(() -> GeoShape.box(operand))
          .as("%s", operand)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unrecognized geo-point format");
    }
    assertThatThrownBy(() -> GeoShape.box(map("top", null, "left", 1, "bottom", 0, "right", 2.5)))
        .hasMessage("unrecognized geoBoundingBox format: {\"top\":null,\"left\":1,\"bottom\":0,\"right\":2.5}");
    assertThatThrownBy(() -> GeoShape.box(map("top", List.of("a\"b"), "left", true, "bottom", 0, "right", 2)))
        .hasMessage("unrecognized geoBoundingBox format: {\"top\":[\"a\\\"b\"],\"left\":true,\"bottom\":0,\"right\":2}");
  }

  @Test
  void equalBoxesShareTheirCanonicalText() {
    assertThat(GeoShape.box(1, 2, 0, 3)).isEqualTo(GeoShape.box(1.0, 2.0, 0.0, 3.0))
        .hasSameHashCodeAs(GeoShape.box(1.0, 2.0, 0.0, 3.0));
    assertThat(GeoShape.box(1, 2, -0.0, 3)).isEqualTo(GeoShape.box(1, 2, 0, 3));
    assertThat(GeoShape.box(1, -180, 0, 180)).isEqualTo(GeoShape.box(1, 0, 0, 360));
    assertThat(GeoShape.box(1, 2, 0, 3)).isNotEqualTo(GeoShape.box(1, 2, 0, 4));
    assertThat(GeoShape.box(1, 2, 0, 3).canonical()).isEqualTo(GeoShape.box(1, 2, 0, 3).canonical());
  }
}
