package dev.herald.internal.filter;

import dev.herald.internal.geo.GeoPoint;
import dev.herald.internal.geo.GeoPoints;
import dev.herald.internal.geo.GeoShape;

/**
 * The value at the path is a readable geopoint inside a shape (geoBoundingBox, geoDistance,
 * geoDistanceRange, geoPolygon). An unreadable point is inside no shape.
 */
public final class GeoSpec extends ConditionSpec {
  private final GeoShape shape;

  public GeoSpec(String path, GeoShape shape) {
    super(path);
    this.shape = shape;
  }

  public GeoShape shape() {
    return shape;
  }

  @Override
  public Kind kind() {
    return Kind.GEO;
  }

  @Override
  public boolean test(Object value) {
    GeoPoint p = GeoPoints.parse(value);
    return p != null && shape.contains(p);
  }

  /** The test on an already-read point (null when unreadable). */
  public boolean test(GeoPoint p) {
    return p != null && shape.contains(p);
  }

  @Override
  public int acceptedTypes() {
    return Values.STRING | Values.ARRAY | Values.OBJECT;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"geo\",");
    Canonical.string(out, path);
    out.append(',');
    Canonical.string(out, shape.canonical());
    out.append(']');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeoSpec && ((GeoSpec) o).path.equals(path) && ((GeoSpec) o).shape.equals(shape);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + shape.hashCode();
  }
}
