package dev.herald.internal.geo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A polygon on the sphere (geoPolygon): vertices are geodetic latitude/longitude taken as spherical
 * coordinates, edges are the short great-circle arcs between consecutive vertices, the boundary is
 * inside, and the inside is the smaller of the two regions the ring separates (so orientation does
 * not matter, and a ring around a pole holds that pole). Immutable.
 *
 * <p>Point test: the meridian from the point north to the pole crosses the boundary an odd number of
 * times exactly when the point and the north pole are on different sides, and whether the north pole
 * is inside is decided once, from the area of its region. An edge is crossed when the point's
 * longitude is in the edge's half-open longitude interval (so a meridian through a vertex is counted
 * once) and the point lies south of the edge's great circle, which is the sign of one dot product with
 * the edge's normal. Cost: one dot product per edge, and no trigonometry beyond the point's unit
 * vector.
 *
 * <p>A vertex at a pole has no longitude: the edges to it run along the meridians of its neighbours,
 * and it stands for an infinitesimal arc around the pole between those two meridians. An edge whose
 * ends are 180 degrees of longitude apart runs over the nearer pole, and is treated as two meridian
 * edges through it. An edge between antipodal points has no short way and is rejected.
 */
final class Polygon extends GeoShape {
  /** Sine of the angle (about 6 µm on the ground) within which a point counts as on an edge. */
  private static final double ON_EDGE = 1e-12;

  // Per edge (meridian edges to and from pole vertices included), packed so that the test reads one
  // array front to back: at EDGE_STRIDE * i,
  //   the unit normal of the edge's great circle (start × end, normalized): NX, NY, NZ;
  //   DIRECTION: +1 when the edge runs eastwards, -1 westwards: the sign that turns the normal northwards;
  //   WEST, EAST: the half-open longitude interval whose meridians cross the edge, from west eastwards to
  //   east, both in [-180, 180); it wraps when west is greater than east, and is empty when they are
  //   equal (meridians).
  private static final int NX = 0;
  private static final int NY = 1;
  private static final int NZ = 2;
  private static final int DIRECTION = 3;
  private static final int WEST = 4;
  private static final int EAST = 5;
  private static final int EDGE_STRIDE = 6;
  private final int edges;
  private final double[] edge;
  /** The unit vectors of each edge's ends (ax, ay, az, bx, by, bz at 6 * i), for points on an edge. */
  private final double[] ends;

  private static final double[] NONE = {};

  /** Arcs around the north pole at its vertices: every meridian in one crosses it above any point. */
  private final double[] northWest;
  private final double[] northEast;

  private final boolean northInside;
  private final boolean holdsPole;
  /** When no pole is inside, points with a latitude outside [minLat, maxLat] are outside. */
  private final double minLat;
  private final double maxLat;
  private final Bounds bounds;
  /** Whether the polygon is away from the poles and narrow, so that {@link GeoIndex} can use a raster. */
  private final boolean rasterizable;
  /** The level of {@link GeoIndex}'s grid the polygon is filed at. */
  private final int level;

  /**
   * Levels between the one whose cells fit the bounds (2 x 2 cells at most) and the one a polygon with
   * a raster is filed at, before rounding down to an even level: so 2 or 3 levels finer, about 20 cells
   * for the benchmark's stars, which cuts the candidates of a query (to the polygons near the point)
   * and the exact tests (to points within a sixteenth of a cell of an edge).
   */
  static final int FILING_REFINEMENT = 3;

  Polygon(List<GeoPoint> vertices) {
    this(new Geometry(canonicalRing(vertices)));
  }

  private Polygon(Geometry g) {
    super(g.canonical);
    edges = g.count;
    edge = new double[EDGE_STRIDE * edges];
    ends = new double[6 * edges];
    for (int i = 0; i < edges; i++) {
      int e = EDGE_STRIDE * i;
      edge[e + NX] = g.nx.get(i);
      edge[e + NY] = g.ny.get(i);
      edge[e + NZ] = g.nz.get(i);
      edge[e + DIRECTION] = g.direction.get(i);
      edge[e + WEST] = g.west.get(i);
      edge[e + EAST] = g.east.get(i);
      ends[6 * i] = g.ax.get(i);
      ends[6 * i + 1] = g.ay.get(i);
      ends[6 * i + 2] = g.az.get(i);
      ends[6 * i + 3] = g.bx.get(i);
      ends[6 * i + 4] = g.by.get(i);
      ends[6 * i + 5] = g.bz.get(i);
    }
    northWest = g.northWest.size() == 0 ? NONE : g.northWest.toArray();
    northEast = g.northEast.size() == 0 ? NONE : g.northEast.toArray();
    northInside = g.northInside;
    holdsPole = g.northInside || g.southInside;
    minLat = g.minLat - Bounds.MARGIN;
    maxLat = g.maxLat + Bounds.MARGIN;
    bounds = g.bounds;
    rasterizable = rasterizable(g);
    level = rasterizable
        ? Math.min(GeoIndex.MAX_LEVEL, GeoIndex.evenLevel(GeoIndex.levelFor(bounds) + FILING_REFINEMENT))
        : GeoIndex.evenLevel(GeoIndex.levelFor(bounds));
  }

  /** Whether the polygon is away from the poles, and narrow enough for a raster not to wrap. */
  private static boolean rasterizable(Geometry g) {
    Bounds b = g.bounds;
    return !g.northInside && !g.southInside && g.northWest.size() == 0 && b.width <= 180
        && b.south - 2 * CELL_PAD > -90 && b.north + 2 * CELL_PAD < 90;
  }

  @Override
  Bounds bounds() {
    return bounds;
  }

  @Override
  int level() {
    return level;
  }

  /**
   * From a raster of the polygon at that level: cells no edge comes near are inside or outside, the
   * others get the exact test. Without a raster (around or near a pole, or very wide), the quick test.
   */
  @Override
  CellMarks marks(int level) {
    Raster raster = raster(level);
    if (raster == null) {
      return super.marks(level);
    }
    return (row, column) -> {
      switch (raster.at(row, column)) {
        case INSIDE:
          return MARK_INSIDE;
        case OUTSIDE:
          return MARK_OUTSIDE;
        default:
          return MARK_TEST;
      }
    };
  }

  /** A raster of the polygon at a level, or null when it has none. */
  Raster raster(int level) {
    if (!rasterizable) {
      return null;
    }
    Probe probe = new Probe();
    return new Raster(level, bounds, edgeView(), (lat, lon) -> probe.set(lat, lon) && test(probe));
  }

  /** Outside its latitude extent (unless it holds a pole), a point is outside. */
  @Override
  int quickTest(double lat, double rawLon, double lon) {
    return !holdsPole && (lat < minLat || lat > maxLat) ? OUTSIDE : UNSURE;
  }

  /** The edges as the raster needs them. */
  private Raster.Edges edgeView() {
    return new Raster.Edges() {
      @Override
      public int edgeCount() {
        return edges;
      }

      @Override
      public double nx(int i) {
        return edge[EDGE_STRIDE * i + NX];
      }

      @Override
      public double ny(int i) {
        return edge[EDGE_STRIDE * i + NY];
      }

      @Override
      public double nz(int i) {
        return edge[EDGE_STRIDE * i + NZ];
      }

      @Override
      public double west(int i) {
        return edge[EDGE_STRIDE * i + WEST];
      }

      @Override
      public double span(int i) {
        double west = edge[EDGE_STRIDE * i + WEST];
        double east = edge[EDGE_STRIDE * i + EAST];
        return west == east ? 0 : eastward(east - west);
      }

      @Override
      public double latA(int i) {
        return Math.toDegrees(Math.atan2(ends[6 * i + 2], Math.hypot(ends[6 * i], ends[6 * i + 1])));
      }

      @Override
      public double latB(int i) {
        return Math.toDegrees(Math.atan2(ends[6 * i + 5], Math.hypot(ends[6 * i + 3], ends[6 * i + 4])));
      }
    };
  }

  @Override
  boolean test(Probe p) {
    if (!holdsPole && (p.lat < minLat || p.lat > maxLat)) {
      return false;
    }
    double x = p.x();
    double y = p.y();
    double z = p.z();
    double lon = p.lon;
    boolean odd = false;
    double[] edge = this.edge;
    for (int e = 0; e < EDGE_STRIDE * edges; e += EDGE_STRIDE) {
      double d = edge[e + NX] * x + edge[e + NY] * y + edge[e + NZ] * z;
      if (Math.abs(d) <= ON_EDGE && onArc(e / EDGE_STRIDE, x, y, z)) {
        return true;
      }
      if (d * edge[e + DIRECTION] < 0 && inInterval(lon, edge[e + WEST], edge[e + EAST])) {
        odd = !odd;
      }
    }
    for (int i = 0; i < northWest.length; i++) {
      if (inInterval(lon, northWest[i], northEast[i])) {
        odd = !odd;
      }
    }
    return odd != northInside;
  }

  /**
   * Whether a longitude is in the half-open interval from west eastwards to east (all in
   * [-180, 180)): comparisons only, so that two edges meeting at a vertex share its meridian exactly,
   * one counting the longitudes before it and the other those from it on.
   */
  private static boolean inInterval(double lon, double west, double east) {
    return west <= east ? lon >= west && lon < east : lon >= west || lon < east;
  }

  /** Whether a point on (or within {@link #ON_EDGE} of) edge i's great circle lies between its ends. */
  private boolean onArc(int i, double x, double y, double z) {
    double nx = edge[EDGE_STRIDE * i + NX];
    double ny = edge[EDGE_STRIDE * i + NY];
    double nz = edge[EDGE_STRIDE * i + NZ];
    double ax = ends[6 * i];
    double ay = ends[6 * i + 1];
    double az = ends[6 * i + 2];
    double bx = ends[6 * i + 3];
    double by = ends[6 * i + 4];
    double bz = ends[6 * i + 5];
    // (n × a)·p is the sine of the angle from a towards b; (b × n)·p that from b back towards a.
    double fromStart = (ny * az - nz * ay) * x + (nz * ax - nx * az) * y + (nx * ay - ny * ax) * z;
    double fromEnd = (by * nz - bz * ny) * x + (bz * nx - bx * nz) * y + (bx * ny - by * nx) * z;
    // On an edge shorter than the tolerance, both sines are also near zero at the far side of the
    // circle; being on the near side of the start rules that out.
    double dot = ax * x + ay * y + az * z;
    return fromStart >= -ON_EDGE && fromEnd >= -ON_EDGE && (dot >= 0 || fromStart > ON_EDGE);
  }

  // ---- construction ---------------------------------------------------------------------------

  private record Vertex(double lat, double lon) implements Comparable<Vertex> {
    boolean isPole() {
      return Math.abs(lat) == 90;
    }

    @Override
    public int compareTo(Vertex o) {
      int c = Double.compare(lat, o.lat);
      return c != 0 ? c : Double.compare(lon, o.lon);
    }
  }

  /**
   * The ring in canonical form: longitudes reduced into [-180, 180) (0 at the poles), no repeated
   * consecutive vertex nor closing vertex, starting at the smallest vertex in the direction that gives
   * the smallest sequence; so equal polygons written differently share it.
   */
  private static Vertex[] canonicalRing(List<GeoPoint> input) {
    List<Vertex> ring = new ArrayList<>(input.size());
    for (GeoPoint p : input) {
      if (p == null || !(p.lat() >= -90 && p.lat() <= 90) || !Double.isFinite(p.lon())) {
        throw new IllegalArgumentException("polygon vertex is not a valid point: " + p);
      }
      double lat = p.lat() + 0.0;
      Vertex v = new Vertex(lat, Math.abs(lat) == 90 ? 0 : normalizeLongitude(p.lon()));
      if (ring.isEmpty() || !ring.get(ring.size() - 1).equals(v)) {
        ring.add(v);
      }
    }
    while (ring.size() > 1 && ring.get(ring.size() - 1).equals(ring.get(0))) {
      ring.remove(ring.size() - 1);
    }
    Set<Vertex> distinct = new HashSet<>(ring);
    if (distinct.size() < 3) {
      throw new IllegalArgumentException("at least 3 distinct points are required to build a polygon");
    }
    int n = ring.size();
    Vertex min = java.util.Collections.min(ring);
    Vertex[] best = null;
    for (int start = 0; start < n; start++) {
      if (!ring.get(start).equals(min)) {
        continue;
      }
      for (int step : new int[] {1, -1}) {
        Vertex[] candidate = new Vertex[n];
        for (int k = 0; k < n; k++) {
          candidate[k] = ring.get(Math.floorMod(start + step * k, n));
        }
        if (best == null || compare(candidate, best) < 0) {
          best = candidate;
        }
      }
    }
    return best;
  }

  private static int compare(Vertex[] a, Vertex[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Everything the point test needs, computed once from the canonical ring. */
  private static final class Geometry {
    final String canonical;
    int count;
    final Doubles nx = new Doubles();
    final Doubles ny = new Doubles();
    final Doubles nz = new Doubles();
    final Doubles direction = new Doubles();
    final Doubles west = new Doubles();
    final Doubles east = new Doubles();
    final Doubles ax = new Doubles();
    final Doubles ay = new Doubles();
    final Doubles az = new Doubles();
    final Doubles bx = new Doubles();
    final Doubles by = new Doubles();
    final Doubles bz = new Doubles();
    final Doubles northWest = new Doubles();
    final Doubles northEast = new Doubles();

    /** Sum of the signed longitude steps along the ring, degrees: 360 times the turns around the axis. */
    double winding;
    /** Sum of ∫(1 − sin φ) dλ along the ring: the signed area between the ring and the north pole. */
    double area;
    /** Running longitude along the ring, unwrapped, and its extremes. */
    double runningLon;
    double lowestLon;
    double highestLon;
    double minLat = 90;
    double maxLat = -90;
    final boolean northInside;
    final boolean southInside;
    final Bounds bounds;

    Geometry(Vertex[] ring) {
      StringBuilder text = new StringBuilder("polygon(");
      for (int i = 0; i < ring.length; i++) {
        text.append(i == 0 ? "" : ";").append(number(ring[i].lat)).append(',').append(number(ring[i].lon));
      }
      canonical = text.append(')').toString();

      int n = ring.length;
      int first = 0;
      while (ring[first].isPole()) {
        first++; // there are at least 3 distinct vertices, so at most 2 poles
      }
      runningLon = lowestLon = highestLon = ring[first].lon;
      for (int k = 0; k < n; k++) {
        Vertex a = ring[(first + k) % n];
        Vertex b = ring[(first + k + 1) % n];
        minLat = Math.min(minLat, a.lat);
        maxLat = Math.max(maxLat, a.lat);
        addEdges(a, b);
        if (b.isPole()) {
          Vertex after = ring[(first + k + 2) % n];
          turnAroundPole(b.lat > 0, a.lon, after.lon);
        }
      }

      int turns = (int) Math.round(winding / 360);
      boolean polesApart = (turns & 1) != 0;
      // The north pole's region: the ring's signed area relative to the north pole is the area of the
      // region without the pole when the ring does not go around the axis, and that of the region with
      // it when it does. A tie (two hemispheres) goes to the north.
      double northArea = polesApart ? Math.abs(area) : 4 * Math.PI - Math.abs(area);
      northInside = northArea <= 2 * Math.PI + 1e-9;
      southInside = polesApart != northInside;

      if (northInside) {
        maxLat = 90;
      }
      if (southInside) {
        minLat = -90;
      }
      bounds = northInside || southInside || highestLon - lowestLon >= 360
          ? Bounds.padded(minLat, maxLat, -180, 360)
          : Bounds.padded(minLat, maxLat, lowestLon, highestLon - lowestLon);
    }

    private void addEdges(Vertex a, Vertex b) {
      if (a.isPole() && b.isPole()) {
        throw antipodal(a, b);
      }
      if (a.isPole() || b.isPole()) {
        addEdge(a, b, 0);
        return;
      }
      double step = Math.IEEEremainder(b.lon - a.lon, 360);
      if (Math.abs(step) == 180) {
        if (a.lat + b.lat == 0) {
          throw antipodal(a, b);
        }
        // Over the nearer pole: down one meridian and up the opposite one.
        Vertex pole = new Vertex(a.lat + b.lat > 0 ? 90 : -90, 0);
        minLat = Math.min(minLat, pole.lat);
        maxLat = Math.max(maxLat, pole.lat);
        addEdge(a, pole, 0);
        turnAroundPole(pole.lat > 0, a.lon, b.lon);
        addEdge(pole, b, 0);
        return;
      }
      addEdge(a, b, step);
      winding += step;
      advance(step);
      double t = Math.tan(Math.PI / 4 - Math.toRadians(a.lat) / 2)
          * Math.tan(Math.PI / 4 - Math.toRadians(b.lat) / 2);
      double lambda = Math.toRadians(step);
      // Excess of the triangle (north pole, a, b), from its two sides at the pole and their angle.
      area += 2 * Math.atan2(t * Math.sin(lambda), 1 + t * Math.cos(lambda));
    }

    /**
     * A pole vertex reached along meridian {@code in} and left along meridian {@code out}: an arc
     * around the pole, eastwards by the short way (by 180 degrees eastwards when they are opposite).
     */
    private void turnAroundPole(boolean north, double in, double out) {
      double step = Math.IEEEremainder(out - in, 360);
      if (step == -180) {
        step = 180;
      }
      winding += step;
      advance(step);
      if (north) {
        northWest.add(step >= 0 ? in : out);
        northEast.add(step >= 0 ? out : in);
      } else {
        area += 2 * Math.toRadians(step); // ∫(1 − sin φ) dλ at φ = −90°
      }
    }

    private void advance(double step) {
      runningLon += step;
      lowestLon = Math.min(lowestLon, runningLon);
      highestLon = Math.max(highestLon, runningLon);
    }

    private void addEdge(Vertex a, Vertex b, double step) {
      double[] u = unit(a);
      double[] v = unit(b);
      // (u − v) × (u + v) = 2 u × v, without the cancellation that u × v suffers on short edges.
      double dx = u[0] - v[0];
      double dy = u[1] - v[1];
      double dz = u[2] - v[2];
      double sx = u[0] + v[0];
      double sy = u[1] + v[1];
      double sz = u[2] + v[2];
      double cx = dy * sz - dz * sy;
      double cy = dz * sx - dx * sz;
      double cz = dx * sy - dy * sx;
      double norm = Math.sqrt(cx * cx + cy * cy + cz * cz);
      cx /= norm;
      cy /= norm;
      cz /= norm;
      nx.add(cx);
      ny.add(cy);
      nz.add(cz);
      ax.add(u[0]);
      ay.add(u[1]);
      az.add(u[2]);
      bx.add(v[0]);
      by.add(v[1]);
      bz.add(v[2]);
      direction.add(step >= 0 ? 1 : -1);
      west.add(step >= 0 ? a.lon : b.lon);
      // A meridian edge (to or from a pole, whose longitude is nominal) crosses no meridian.
      east.add(step > 0 ? b.lon : a.lon);
      count++;
      if (step != 0) {
        bulge(step > 0 ? cx : -cx, step > 0 ? cy : -cy, step > 0 ? cz : -cz,
            step >= 0 ? a.lon : b.lon, Math.abs(step));
      }
    }

    /**
     * Widens the latitude extent by the poleward bulge of an edge: its great circle (with the
     * northward normal m) is highest at longitude atan2(−m_y, −m_x), at latitude acos(m_z), and
     * lowest opposite; either counts when it falls inside the edge's longitude interval.
     */
    private void bulge(double mx, double my, double mz, double westLon, double width) {
      double topLon = Math.toDegrees(Math.atan2(-my, -mx));
      double topLat = Math.toDegrees(Math.acos(Math.min(1, mz)));
      if (eastward(topLon - westLon) < width) {
        maxLat = Math.max(maxLat, topLat);
      }
      if (eastward(topLon + 180 - westLon) < width) {
        minLat = Math.min(minLat, -topLat);
      }
    }

    private static double[] unit(Vertex v) {
      if (v.isPole()) {
        return new double[] {0, 0, Math.signum(v.lat)};
      }
      double phi = Math.toRadians(v.lat);
      double lambda = Math.toRadians(v.lon);
      return new double[] {
        Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)
      };
    }

    private static IllegalArgumentException antipodal(Vertex a, Vertex b) {
      return new IllegalArgumentException("the polygon edge from (" + a.lat + ", " + a.lon + ") to ("
          + b.lat + ", " + b.lon + ") joins antipodal points, so it has no short way");
    }
  }

  /** A growable list of doubles. */
  private static final class Doubles {
    private double[] values = new double[8];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }

    int size() {
      return size;
    }

    double get(int i) {
      return values[i];
    }
  }
}
