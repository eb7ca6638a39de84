package com.techradium.iris.job;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency rules every {@link JobStore#insert} applies to a batch, shared by store
 * implementations: a reused key must carry the same content, and each input entry's result is
 * either the job created for it, the stored job holding its key, or the job created for an earlier
 * entry of the same batch with that key.
 *
 * <p>Stateless and thread-safe.
 */
public final class EnqueueDedupe {
  private EnqueueDedupe() {}

  /**
   * Throws unless {@code n} has the same queue, type and payload (compared as JSON) as the job
   * already holding its idempotency key.
   *
   * @throws ConflictException if the content differs
   */
  public static void requireSameContent(NewJob n, String queue, String type, String payload) {
    boolean same =
        n.queue().equals(queue)
            && n.type().equals(type)
            && IrisJson.parse("payload", n.payload()).equals(IrisJson.parse("payload", payload));
    if (!same) {
      throw new ConflictException(
          "idempotency key " + n.idempotencyKey() + " was used for a job with other content");
    }
  }

  /**
   * The results of a batch, one per input entry in input order.
   *
   * @param input the batch as given
   * @param dedupedTo per input entry: {@code null} if the entry was created, the stored {@link Job}
   *     holding its key, or the earlier {@link NewJob} of the batch holding its key
   * @param created the jobs this batch created, by id
   */
  public static List<EnqueueResult> results(
      List<NewJob> input, List<@Nullable Object> dedupedTo, Map<UUID, Job> created) {
    List<EnqueueResult> results = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      Object target = dedupedTo.get(i);
      if (target == null) {
        results.add(new EnqueueResult(created.get(input.get(i).id()), true));
      } else if (target instanceof Job existing) {
        results.add(new EnqueueResult(existing, false));
      } else {
        results.add(new EnqueueResult(created.get(((NewJob) target).id()), false));
      }
    }
    return results;
  }
}
