package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.spi.Cursors;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

  @Test
  void pageRequestBoundsTheLimit() {
    assertThat(PageRequest.first().limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
    assertThatThrownBy(() -> PageRequest.first(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("limit")).isTrue());
    assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void afterKeepsTheLimitAndCarriesTheCursor() {
    PageRequest next = PageRequest.first(7).after("abc");
    assertThat(next.limit()).isEqualTo(7);
    assertThat(next.cursorValue()).contains("abc");
  }

  @Test
  void overfetchedResultYieldsACursorFromTheLastKeptItem() {
    Page<Integer> page = Page.fromOverfetch(List.of(1, 2, 3, 4), 3, String::valueOf);
    assertThat(page.items()).containsExactly(1, 2, 3);
    assertThat(page.next()).contains("3");
  }

  @Test
  void resultWithinTheLimitIsTheLastPage() {
    Page<Integer> page = Page.fromOverfetch(List.of(1, 2), 3, String::valueOf);
    assertThat(page.items()).containsExactly(1, 2);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void pageItemsAreUnmodifiable() {
    Page<Integer> page = new Page<>(new java.util.ArrayList<>(List.of(1)), null);
    assertThatThrownBy(() -> page.items().add(2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapConvertsItemsAndKeepsTheCursor() {
    Page<String> page = new Page<>(List.of(1, 2), "c").map(i -> "#" + i);
    assertThat(page.items()).containsExactly("#1", "#2");
    assertThat(page.nextCursor()).isEqualTo("c");
  }

  @Test
  void cursorsRoundTripTheirParts() {
    String cursor = Cursors.encode("2026-01-01T00:00:00Z", "0190a4f2-0000-7000-8000-000000000000");
    assertThat(Cursors.decode(cursor, 2))
        .containsExactly("2026-01-01T00:00:00Z", "0190a4f2-0000-7000-8000-000000000000");
    assertThat(cursor).doesNotContain("2026");
  }

  @Test
  void aForeignCursorIsAValidationErrorOnTheCursorField() {
    assertThatThrownBy(() -> Cursors.decode("%%%not-base64", 2))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("cursor")).isTrue());
    String onePart = Cursors.encode("only");
    assertThatThrownBy(() -> Cursors.decode(onePart, 2)).isInstanceOf(ValidationException.class);
  }
}
