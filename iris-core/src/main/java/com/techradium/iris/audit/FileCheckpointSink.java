package com.techradium.iris.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link CheckpointSink} that appends each checkpoint as one JSON line to a file and forces it to
 * disk before returning, in the manner of CloudTrail's digest files. Put the file where the
 * database's operators cannot rewrite it (another host, a write-once volume, a synced bucket), and
 * verify against it with {@link #read(Path)} and {@link AuditLog#verify(TenantId,
 * java.util.Collection)}.
 *
 * <p>Each line holds the checkpoint's fields: {@code tenantId}, {@code category}, {@code sequence},
 * {@code hash}, {@code createdAt}, {@code algorithm}, {@code keyId} and {@code signature}. No
 * secret is written: a signature proves nothing to whoever lacks the verifying key. Thread-safe;
 * one writer per file.
 */
public final class FileCheckpointSink implements CheckpointSink {
  private final Path file;

  /**
   * Appends to {@code file}, creating it if needed.
   *
   * @param file the file the checkpoints are appended to, one JSON line each
   */
  public FileCheckpointSink(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * Appends the checkpoint and forces the file to disk.
   *
   * @throws StorageException if the file cannot be written
   */
  @Override
  public synchronized void publish(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    byte[] line = (toJson(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new StorageException("cannot append the checkpoint to " + file, e);
    }
  }

  /**
   * Reads every checkpoint of a file this sink wrote, in file order. Signatures are not checked
   * here; {@link AuditLog#verify(TenantId, java.util.Collection)} checks them.
   *
   * @param file a file this sink wrote
   * @return the checkpoints, in file order
   * @throws StorageException if the file cannot be read
   * @throws com.techradium.iris.core.ValidationException if a line is not a checkpoint
   */
  public static List<Checkpoint> read(Path file) {
    Objects.requireNonNull(file, "file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("cannot read checkpoints from " + file, e);
    }
    List<Checkpoint> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(fromJson("line " + (i + 1), lines.get(i)));
      }
    }
    return List.copyOf(out);
  }

  static String toJson(Checkpoint checkpoint) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tenantId", checkpoint.tenantId().value());
    fields.put("category", checkpoint.category().name());
    fields.put("sequence", checkpoint.sequence());
    fields.put("hash", checkpoint.hash());
    fields.put("createdAt", checkpoint.createdAt().toString());
    fields.put("algorithm", checkpoint.algorithm());
    fields.put("keyId", checkpoint.keyId());
    fields.put("signature", checkpoint.signature());
    return IrisJson.write(fields);
  }

  static Checkpoint fromJson(String where, String json) {
    JsonNode node = IrisJson.parse(where, json);
    try {
      return new Checkpoint(
          TenantId.of(text(node, "tenantId")),
          AuditCategory.valueOf(text(node, "category")),
          Long.parseLong(text(node, "sequence")),
          text(node, "hash"),
          Instant.parse(text(node, "createdAt")),
          text(node, "algorithm"),
          text(node, "keyId"),
          text(node, "signature"));
    } catch (RuntimeException e) {
      throw new com.techradium.iris.core.ValidationException(
          where, "is not a checkpoint: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value.asText();
  }
}
