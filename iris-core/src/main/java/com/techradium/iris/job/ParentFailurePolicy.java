package com.techradium.iris.job;

/**
 * What happens to a waiting child job when one of its parents ends without completing (becomes
 * {@link JobState#DEAD} or {@link JobState#CANCELLED}). Applied transitively to grandchildren.
 */
public enum ParentFailurePolicy {
  /** The child becomes {@link JobState#DEAD}, its last error naming the parent. */
  FAIL,
  /** The child becomes {@link JobState#CANCELLED}. */
  CANCEL
}
