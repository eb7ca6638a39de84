package com.techradium.iris.job.spi;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
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
   * A batch after its idempotency keys were checked.
   *
   * @param fresh the entries to create, by id, in input order
   * @param dedupedTo per input entry: {@code null} if it is to be created, else what its key
   *     matched (see {@link #results})
   */
  public record Deduped(Map<UUID, NewJob> fresh, List<@Nullable Object> dedupedTo) {
    /**
     * Creates a {@code Deduped}.
     *
     * @param fresh the entries to create, by id, in input order
     * @param dedupedTo per input entry: {@code null} if it is to be created, else what its key
     *     matched (see {@link #results})
     */
    public Deduped {
      fresh = Collections.unmodifiableMap(new LinkedHashMap<>(fresh));
      dedupedTo = Collections.unmodifiableList(new ArrayList<>(dedupedTo));
    }

    /**
     * The results of the batch once {@code created} (by id) were written: see {@link #results}.
     *
     * @param input the batch as given
     * @param created the jobs written, by id
     * @return one result per input entry, in input order
     */
    public List<EnqueueResult> results(List<NewJob> input, Map<UUID, Job> created) {
      return EnqueueDedupe.results(input, dedupedTo, created);
    }
  }

  /**
   * Checks a batch's idempotency keys and ids: an entry whose key a stored job holds (within its
   * window), or an earlier entry of the batch holds, is not created and must have the same content;
   * every other entry is created and needs an id used neither by a stored job nor by another entry.
   *
   * @param input the batch as given
   * @param liveHolder the stored job holding a key whose window is still open, or null
   * @param idTaken whether a stored job has this id (stores that find out when they write may
   *     answer {@code false} and report a conflict then)
   * @return which entries are created and which are deduplicated to what
   * @throws ConflictException if a key was used with other content, or an id is already used
   */
  public static Deduped dedupe(
      List<NewJob> input, Function<String, @Nullable Job> liveHolder, Predicate<UUID> idTaken) {
    Map<UUID, NewJob> fresh = new LinkedHashMap<>();
    Map<String, NewJob> batchKeys = new HashMap<>();
    List<@Nullable Object> dedupedTo = new ArrayList<>(input.size());
    for (NewJob n : input) {
      Object target = null;
      String key = n.idempotencyKey();
      if (key != null) {
        Job existing = liveHolder.apply(key);
        NewJob earlier = batchKeys.get(key);
        if (existing != null) {
          requireSameContent(n, existing.queue(), existing.type(), existing.payload());
          target = existing;
        } else if (earlier != null) {
          requireSameContent(n, earlier.queue(), earlier.type(), earlier.payload());
          target = earlier;
        } else {
          batchKeys.put(key, n);
        }
      }
      if (target == null && (idTaken.test(n.id()) || fresh.putIfAbsent(n.id(), n) != null)) {
        throw new ConflictException("job id " + n.id() + " is already used");
      }
      dedupedTo.add(target);
    }
    return new Deduped(fresh, dedupedTo);
  }

  /**
   * Throws unless {@code n} has the same queue, type and payload (compared as JSON) as the job
   * already holding its idempotency key.
   *
   * @param n the new job whose key matched
   * @param queue the queue of the job holding the key
   * @param type the type of the job holding the key
   * @param payload the payload of the job holding the key
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
   * @return one result per input entry, in input order
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
