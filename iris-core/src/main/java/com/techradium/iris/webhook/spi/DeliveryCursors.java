package com.techradium.iris.webhook.spi;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.spi.Cursors;
import com.techradium.iris.webhook.Delivery;
import java.util.Optional;
import java.util.UUID;

/** The cursor of the delivery history: the id of the last delivery of a page. Stateless. */
public final class DeliveryCursors {
  private DeliveryCursors() {}

  /**
   * The cursor after {@code delivery}.
   *
   * @param delivery the last delivery of a page
   * @return the cursor
   */
  public static String after(Delivery delivery) {
    return Cursors.encode("d", delivery.id().toString());
  }

  /**
   * The id a page starts after, if the request has a cursor.
   *
   * @param page the page request
   * @return the exclusive lower id, or empty for the first page
   * @throws ValidationException on {@code cursor} if it was not made here
   */
  public static Optional<UUID> start(PageRequest page) {
    if (page.cursorValue().isEmpty()) {
      return Optional.empty();
    }
    var parts = Cursors.decode(page.cursorValue().get(), 2);
    try {
      if (!parts.get(0).equals("d")) {
        throw new IllegalArgumentException();
      }
      return Optional.of(UUID.fromString(parts.get(1)));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
  }
}
