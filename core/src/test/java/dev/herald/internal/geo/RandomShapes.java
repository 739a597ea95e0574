package dev.herald.internal.geo;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Random shapes and points for the index tests: every kind, anywhere, poles and antimeridian included. */
final class RandomShapes {
  private final Random random;

  RandomShapes(Random random) {
    this.random = random;
  }

  GeoShape shape() {
    return recipe().get();
  }

  /** Builds a random shape, again and again: each call gives a new instance of one and the same shape. */
  Supplier<GeoShape> recipe() {
    switch (random.nextInt(4)) {
      case 0:
        return box();
      case 1: {
        GeoPoint centre = CircleTest.randomCentre(random);
        double radius = CircleTest.randomRadius(random);
        return () -> GeoShape.circle(centre, radius);
      }
      case 2: {
        GeoPoint centre = CircleTest.randomCentre(random);
        double to = CircleTest.randomRadius(random);
        double from = to * random.nextDouble() * 0.9;
        return () -> GeoShape.annulus(centre, from, to);
      }
      default: {
        List<GeoPoint> vertices = PolygonTest.Star.random(random).written(random);
        return () -> GeoShape.polygon(vertices);
      }
    }
  }

  private Supplier<GeoShape> box() {
    double size = Math.pow(10, -5 + random.nextDouble() * 7.5); // 1 m to 300 degrees
    double bottom = random.nextDouble() * 180 - 90;
    double top = Math.min(90, bottom + size * random.nextDouble());
    double left = random.nextDouble() * 720 - 360;
    double right = left + size * 2 * random.nextDouble();
    switch (random.nextInt(8)) {
      case 0:
        return () -> GeoShape.box(90, left, Math.max(-90, 90 - size), right); // reaches a pole
      case 1:
        return () -> GeoShape.box(top, -180, bottom, 180); // every longitude
      case 2:
        return () -> GeoShape.box(top, left, bottom, left); // a meridian line
      default:
        return () -> GeoShape.box(top, left, bottom, right); // may cross the antimeridian
    }
  }

  GeoPoint point() {
    switch (random.nextInt(10)) {
      case 0:
        return new GeoPoint(random.nextBoolean() ? 90 : -90, random.nextDouble() * 360 - 180);
      case 1:
        return new GeoPoint(random.nextDouble() * 180 - 90, random.nextBoolean() ? 180 : -180);
      case 2:
        return new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 2000 - 1000);
      case 3:
        return new GeoPoint(Math.copySign(89.9 + random.nextDouble() * 0.1, random.nextGaussian()),
            random.nextDouble() * 360 - 180);
      default:
        return new GeoPoint(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
    }
  }

  /** A point in or near a shape's bounding box, where answers are interesting. */
  GeoPoint pointNear(GeoShape shape) {
    Bounds b = shape.bounds();
    double lat = b.south + (b.north - b.south) * (random.nextDouble() * 1.2 - 0.1);
    double lon = b.west + b.width * (random.nextDouble() * 1.2 - 0.1);
    return new GeoPoint(Math.max(-90, Math.min(90, lat)), lon);
  }
}
