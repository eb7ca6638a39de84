package com.techradium.iris.audit;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuditExportVerifier} found in an export.
 *
 * @param lines lines read
 * @param linksChecked lines whose previous hash was checked against the line holding the previous
 *     sequence of the same chain (when an export is filtered, not every line has one)
 * @param firstBadLine the 1-based number of the first line that failed, or 0 if none
 * @param problem why that line failed, or null
 */
public record ExportVerification(
    long lines, long linksChecked, long firstBadLine, @Nullable String problem) {

  /**
   * Whether every line re-hashed to its recorded hash and every checked link held.
   *
   * @return true if the export verified
   */
  public boolean valid() {
    return firstBadLine == 0;
  }

  /**
   * The problem, if any line failed.
   *
   * @return the first problem, or empty if the export verified
   */
  public Optional<String> problemFound() {
    return Optional.ofNullable(problem);
  }
}
