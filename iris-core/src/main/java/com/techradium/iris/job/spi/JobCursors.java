package com.techradium.iris.job.spi;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.spi.Cursors;
import com.techradium.iris.job.Job;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The cursor of {@link JobStore#list}, for store authors: job listings run newest first by id, and
 * a cursor names the last job of a page, so the next page holds the jobs with smaller ids.
 *
 * <p>Stateless and thread-safe.
 */
public final class JobCursors {
  private JobCursors() {}

  /**
   * The cursor of a page whose last job is {@code last}.
   *
   * @param last the last job of the page
   * @return the cursor
   */
  public static String after(Job last) {
    return Cursors.encode(last.id().toString());
  }

  /**
   * The id a page starts after (exclusive), or null for the first page.
   *
   * @param page the page request
   * @return the exclusive lower id, or null
   * @throws ValidationException on field {@code cursor} if the cursor was not made by {@link
   *     #after(Job)}
   */
  public static @Nullable UUID start(PageRequest page) {
    if (page.cursor() == null) {
      return null;
    }
    String text = Cursors.decode(page.cursor(), 1).get(0);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
  }
}
