package dev.herald.internal.auth;

import dev.herald.auth.Identity;
import dev.herald.auth.InvalidTokenException;
import dev.herald.internal.json.JsonReader;
import dev.herald.internal.json.JsonWriter;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.AbstractDeserializer;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.security.Keys;
import java.io.OutputStream;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * The jjwt-backed part of {@link dev.herald.auth.JwtTokens}, kept apart so that core loads without
 * jjwt when JWTs are not used. JSON goes through jackson-core (never jackson-databind).
 */
public final class JwtSupport {
  private static final JsonReader CLAIMS_READER = new JsonReader(16, false);

  private final SecretKey key;
  private final Clock clock;
  private final JwtParser parser;

  public JwtSupport(byte[] secret, Clock clock) {
    this.key = Keys.hmacShaKeyFor(secret);
    this.clock = clock;
    this.parser = Jwts.parser()
        .json(new Deserializer())
        .verifyWith(key)
        .clock(() -> Date.from(clock.instant()))
        .build();
  }

  public String sign(String kuid, Duration ttl) {
    Instant now = clock.instant();
    return Jwts.builder()
        .json(new Serializer())
        .claim("_id", kuid)
        .subject(kuid)
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(ttl)))
        .signWith(key, Jwts.SIG.HS256)
        .compact();
  }

  public Identity verify(String token) throws InvalidTokenException {
    Claims claims;
    try {
      claims = parser.parseSignedClaims(token).getPayload();
    } catch (ExpiredJwtException e) {
      throw new InvalidTokenException("Token expired", true);
    } catch (JwtException | IllegalArgumentException e) {
      throw new InvalidTokenException("Invalid token.", false);
    }
    Object id = claims.get("_id");
    String kuid = id instanceof String ? (String) id : claims.getSubject();
    if (kuid == null || kuid.isEmpty()) {
      throw new InvalidTokenException("Invalid token.", false);
    }
    Date exp = claims.getExpiration();
    if (exp != null && clock.millis() >= exp.getTime()) {
      // jjwt accepts a token up to its expiry instant inclusive; Herald expires it at that instant.
      throw new InvalidTokenException("Token expired", true);
    }
    return new Identity(kuid, exp == null ? -1 : exp.getTime());
  }

  /** Reads claims with Herald's jackson-core reader. */
  private static final class Deserializer extends AbstractDeserializer<Map<String, ?>> {
    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, ?> doDeserialize(Reader reader) throws Exception {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[512];
      for (int n; (n = reader.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      Object tree = CLAIMS_READER.read(sb.toString());
      if (!(tree instanceof Map)) {
        throw new IllegalArgumentException("JWT JSON must be an object");
      }
      return (Map<String, ?>) tree;
    }
  }

  /** Writes claims with Herald's jackson-core writer; dates as seconds since the epoch. */
  private static final class Serializer extends AbstractSerializer<Map<String, ?>> {
    @Override
    protected void doSerialize(Map<String, ?> map, OutputStream out) throws Exception {
      out.write(JsonWriter.toBytes(map));
    }
  }
}
