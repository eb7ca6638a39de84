package com.techradium.iris.job;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The message for a job or schedule that names a queue that does not exist: what to do about it.
 */
final class UnknownQueues {
  private UnknownQueues() {}

  /** "unknown queue mail; the queues are cleanup, emails, ...; create one with createQueue". */
  static String message(String queue, Collection<String> known) {
    String list =
        known.isEmpty()
            ? "there are none yet"
            : "the queues are " + known.stream().sorted().collect(Collectors.joining(", "));
    return "unknown queue " + queue + "; " + list + "; create one with JobQueue.createQueue";
  }
}
