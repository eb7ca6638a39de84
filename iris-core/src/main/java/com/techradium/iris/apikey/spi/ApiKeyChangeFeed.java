package com.techradium.iris.apikey.spi;

import java.util.List;

/**
 * How nodes sharing one key store tell each other which keys changed, so that every node drops its
 * cached copy: a revocation, rotation or update on one node reaches every other node's cache within
 * the feed's poll interval. {@code ApiKeyManager} {@linkplain #publish publishes} the secret hashes
 * of a key after the change is saved, and polls {@link #readAfter} from a background thread.
 * Without a feed ({@link #NONE}), the cache's time-to-live is the bound.
 *
 * <p>Implementations must be thread-safe. The Redis feed of iris-redis keeps the changes in a
 * stream; a feed must never lose a change silently: when it cannot tell what was missed, it says so
 * with {@link Changes#complete()} false and the caller drops its whole cache.
 */
public interface ApiKeyChangeFeed {

  /**
   * Changes read after a cursor.
   *
   * @param secretHashes the secret hashes of the changed keys
   * @param cursor the cursor to read after next time
   * @param complete false when changes may have been lost; the reader then drops its whole cache
   */
  record Changes(List<String> secretHashes, String cursor, boolean complete) {
    /**
     * Creates a {@code Changes}, checking its components and copying its collections.
     *
     * @param secretHashes the secret hashes of the changed keys
     * @param cursor the cursor to read after next time
     * @param complete false when changes may have been lost; the reader then drops its whole cache
     */
    public Changes {
      secretHashes = List.copyOf(secretHashes);
      java.util.Objects.requireNonNull(cursor, "cursor");
    }
  }

  /** A feed that carries nothing: each node's cache lives out its time-to-live. */
  ApiKeyChangeFeed NONE =
      new ApiKeyChangeFeed() {
        @Override
        public void publish(List<String> secretHashes) {}

        @Override
        public String latestCursor() {
          return "";
        }

        @Override
        public Changes readAfter(String cursor) {
          return new Changes(List.of(), cursor, true);
        }
      };

  /**
   * Tells every node that the keys with these secret hashes changed.
   *
   * @param secretHashes the secret hashes of the changed keys
   */
  void publish(List<String> secretHashes);

  /**
   * The cursor of the newest change, for a node that starts reading now.
   *
   * @return the newest cursor
   */
  String latestCursor();

  /**
   * The changes published after {@code cursor}, with the cursor to read after next time. {@code
   * complete} is false when changes after {@code cursor} may have been lost (trimmed away).
   *
   * @param cursor a cursor from {@link #latestCursor()} or an earlier read
   * @return the changes and the next cursor
   */
  Changes readAfter(String cursor);
}
