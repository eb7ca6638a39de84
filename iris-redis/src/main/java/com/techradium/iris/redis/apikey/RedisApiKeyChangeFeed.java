package com.techradium.iris.redis.apikey;

import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.redis.internal.RedisContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The {@link ApiKeyChangeFeed} on Redis: one stream, {@code iris:{apikeys}:changes} (the namespace
 * in the hash tag is configurable), to which each change appends the secret hashes of the changed
 * key ({@code XADD}, trimmed to about {@link #MAX_LENGTH} entries). Each node reads what was
 * appended after its cursor with one {@code XRANGE} per poll; the key manager polls every 250 ms by
 * default, so a revocation reaches every node's cache within that interval plus one round trip.
 *
 * <p>A stream rather than pub/sub: a node that was disconnected, paused or restarted reads what it
 * missed instead of losing it, and when its cursor has been trimmed away it is told so ({@link
 * Changes#complete()} false) and drops its whole cache. The stream is deployment-wide (changes of
 * every tenant), one key in one Cluster slot; it holds hashes only, never a key.
 *
 * <p>Thread-safe; the client stays the host's.
 */
public final class RedisApiKeyChangeFeed implements ApiKeyChangeFeed {
  /** About how many changes the stream keeps (approximate trimming). */
  public static final long MAX_LENGTH = 100_000;

  private static final int READ_LIMIT = 1000;
  private static final String FIRST = "0-0";
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final RedisContext redis;
  private final String stream;

  private RedisApiKeyChangeFeed(RedisContext redis, String stream) {
    this.redis = redis;
    this.stream = stream;
  }

  /**
   * A feed on the stream {@code iris:{apikeys}:changes}.
   *
   * @param jedis the host's client; never closed here
   * @return the feed, thread-safe as the client is
   * @throws NullPointerException if {@code jedis} is null
   */
  public static RedisApiKeyChangeFeed create(UnifiedJedis jedis) {
    return create(jedis, "apikeys");
  }

  /**
   * A feed on the stream {@code iris:{<namespace>}:changes}: deployments sharing one Redis keep
   * separate feeds under separate namespaces.
   *
   * @param jedis the host's client; never closed here
   * @param namespace 1 to 64 letters, digits, '.', '_' or '-'
   * @return the feed, thread-safe as the client is
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code namespace} is malformed
   */
  public static RedisApiKeyChangeFeed create(UnifiedJedis jedis, String namespace) {
    Objects.requireNonNull(jedis, "jedis");
    Objects.requireNonNull(namespace, "namespace");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must be 1-64 letters, digits, '.', '_' or '-', got " + namespace);
    }
    return new RedisApiKeyChangeFeed(RedisContext.of(jedis), "iris:{" + namespace + "}:changes");
  }

  @Override
  public void publish(List<String> secretHashes) {
    Objects.requireNonNull(secretHashes, "secretHashes");
    if (secretHashes.isEmpty()) {
      return;
    }
    String joined = String.join(" ", secretHashes);
    redis.call(
        "publish API key change",
        j ->
            j.xadd(
                stream,
                XAddParams.xAddParams().maxLen(MAX_LENGTH).approximateTrimming(),
                Map.of("h", joined)));
  }

  @Override
  public String latestCursor() {
    List<StreamEntry> last =
        redis.call("read API key changes", j -> j.xrevrange(stream, "+", "-", 1));
    return last.isEmpty() ? FIRST : last.get(0).getID().toString();
  }

  @Override
  public Changes readAfter(String cursor) {
    Objects.requireNonNull(cursor, "cursor");
    String from = cursor.isEmpty() ? FIRST : cursor;
    // Inclusive of the cursor: finding it proves that nothing after it was trimmed away.
    List<StreamEntry> entries =
        redis.call("read API key changes", j -> j.xrange(stream, from, "+", READ_LIMIT + 1));
    boolean complete =
        from.equals(FIRST)
            || (!entries.isEmpty() && entries.get(0).getID().toString().equals(from));
    List<String> hashes = new ArrayList<>();
    String next = from;
    for (StreamEntry entry : entries) {
      String id = entry.getID().toString();
      if (id.equals(from)) {
        continue;
      }
      String joined = entry.getFields().get("h");
      if (joined != null && !joined.isEmpty()) {
        hashes.addAll(Arrays.asList(joined.split(" ")));
      }
      next = id;
    }
    if (!complete) {
      next = entries.isEmpty() ? latestCursor() : next;
    }
    return new Changes(hashes, next, complete);
  }

  @Override
  public String toString() {
    return "RedisApiKeyChangeFeed[" + stream + "]";
  }
}
