package dev.herald.internal.geo;

/**
 * A point on the WGS84 ellipsoid, in degrees. Latitude is within [-90, 90]; longitude is any finite
 * value as given (shapes normalize it modulo 360 when they compare).
 */
public record GeoPoint(double lat, double lon) {}
