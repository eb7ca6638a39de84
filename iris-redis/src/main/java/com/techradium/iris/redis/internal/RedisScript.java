package com.techradium.iris.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script kept as a classpath resource and run on Redis by EVALSHA. Its SHA-1 is computed
 * locally; when the server does not have the script cached (NOSCRIPT: after a restart, a failover
 * or SCRIPT FLUSH) it is sent once with EVAL, which caches it again, so callers never see NOSCRIPT.
 *
 * <p>Immutable and thread-safe: load each script once (a static field of the store is typical) and
 * run it from any thread. Scripts touching several keys must take keys sharing one hash tag (see
 * {@link RedisKeys}) so they run in Redis Cluster.
 */
public final class RedisScript {
  private final String name;
  private final String source;
  private final String sha1;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /**
   * Loads {@code com/techradium/iris/redis/<name>.lua} from IRIS's class loader.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static RedisScript named(String name) {
    Objects.requireNonNull(name, "name");
    return fromResource(RedisScript.class, "/com/techradium/iris/redis/" + name + ".lua");
  }

  /**
   * Loads a script from a resource, resolved like {@link Class#getResourceAsStream} on {@code
   * anchor} (a leading '/' makes the path absolute).
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static RedisScript fromResource(Class<?> anchor, String resource) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(resource, "resource");
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no Lua script resource " + resource);
      }
      return new RedisScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read Lua script resource " + resource, e);
    }
  }

  /** A script from source text, named for error messages. */
  public static RedisScript of(String name, String source) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    return new RedisScript(name, source);
  }

  /** The name (resource path) used in error messages. */
  public String name() {
    return name;
  }

  /** The script's Lua source. */
  public String source() {
    return source;
  }

  /** The script's SHA-1, as Redis computes it, in lower-case hex. */
  public String sha1() {
    return sha1;
  }

  /**
   * Runs the script by EVALSHA, sending it with EVAL if the server has not cached it, and returns
   * the reply as Jedis decodes it (Long, byte[]/String, List, or null).
   *
   * @throws com.techradium.iris.core.StorageException if Redis fails or the script raises an error
   */
  public Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
    Objects.requireNonNull(jedis, "jedis");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(args, "args");
    try {
      try {
        return jedis.evalsha(sha1, keys, args);
      } catch (JedisNoScriptException notCached) {
        return jedis.eval(source, keys, args);
      }
    } catch (RuntimeException e) {
      throw RedisErrors.translate("script " + name, e);
    }
  }

  private static String sha1Hex(String source) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-1, which every Java platform has", e);
    }
  }

  @Override
  public String toString() {
    return "RedisScript[" + name + ", sha1=" + sha1 + "]";
  }
}
