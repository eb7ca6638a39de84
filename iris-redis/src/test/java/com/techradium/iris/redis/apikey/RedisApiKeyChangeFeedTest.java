package com.techradium.iris.redis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.spi.ApiKeyChangeFeed.Changes;
import com.techradium.iris.testkit.RedisExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change feed on a real Redis server. */
class RedisApiKeyChangeFeedTest {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private RedisApiKeyChangeFeed feed() {
    return RedisApiKeyChangeFeed.create(redis.client(), "feed-" + NAMESPACES.incrementAndGet());
  }

  @Test
  void aReaderSeesEveryChangePublishedAfterItsCursorOnce() {
    RedisApiKeyChangeFeed feed = feed();
    String start = feed.latestCursor();
    feed.publish(List.of("aa", "bb"));
    feed.publish(List.of("cc"));

    Changes first = feed.readAfter(start);
    Changes second = feed.readAfter(first.cursor());

    assertThat(first.secretHashes()).containsExactly("aa", "bb", "cc");
    assertThat(first.complete()).isTrue();
    assertThat(second.secretHashes()).isEmpty();
    assertThat(second.complete()).isTrue();
    feed.publish(List.of("dd"));
    assertThat(feed.readAfter(second.cursor()).secretHashes()).containsExactly("dd");
  }

  @Test
  void aCursorTrimmedAwayIsReportedAsIncomplete() {
    RedisApiKeyChangeFeed feed = feed();
    feed.publish(List.of("aa"));
    String cursor = feed.latestCursor();
    feed.publish(List.of("bb"));
    redis.client().xtrim(streamOf(feed), 1, false);

    Changes changes = feed.readAfter(cursor);

    assertThat(changes.complete()).isFalse();
    assertThat(feed.readAfter(changes.cursor()).complete()).isTrue();
  }

  @Test
  void aNamespaceMustBeAPlainWord() {
    assertThatThrownBy(() -> RedisApiKeyChangeFeed.create(redis.client(), "a}b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String streamOf(RedisApiKeyChangeFeed feed) {
    String text = feed.toString();
    return text.substring(text.indexOf('[') + 1, text.length() - 1);
  }
}
