package com.techradium.iris.testkit.recording;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.RangeSource;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.RecordingEncryptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A cipher with 1 KiB segments over an ephemeral local provider, and helpers around it. */
final class CipherFixture {
  static final int SEGMENT = 1024;
  static final TenantId TENANT = TenantId.of("acme");

  final RecordingCipher cipher =
      RecordingCipher.builder()
          .keyProvider(LocalKeyProvider.ephemeral())
          .segmentSize(SEGMENT)
          .build();

  static byte[] audio(int length, long seed) {
    byte[] out = new byte[length];
    new Random(seed).nextBytes(out);
    return out;
  }

  byte[] encrypt(String recordingId, byte[] plaintext) {
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try (RecordingEncryptor out = cipher.encrypt(TENANT, recordingId, stored)) {
      int step = 777;
      for (int off = 0; off < plaintext.length; off += step) {
        out.write(plaintext, off, Math.min(step, plaintext.length - off));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stored.toByteArray();
  }

  long decrypt(TenantId tenant, String recordingId, byte[] stored, OutputStream out) {
    try {
      return cipher.decrypt(tenant, recordingId, new ByteArrayInputStream(stored), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void decryptRange(String recordingId, byte[] stored, long offset, long length, OutputStream out) {
    try {
      cipher.decryptRange(
          TENANT,
          recordingId,
          source(stored, new ArrayList<>()),
          stored.length,
          offset,
          length,
          out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Random access to {@code stored} that notes every range asked for as {offset, length}. */
  static RangeSource source(byte[] stored, List<long[]> reads) {
    return (offset, length) -> {
      reads.add(new long[] {offset, length});
      int from = (int) Math.min(stored.length, offset);
      int to = (int) Math.min(stored.length, offset + length);
      return new ByteArrayInputStream(stored, from, to - from);
    };
  }

  /** An output stream that keeps every byte it received, in order. */
  static final class RecordingSink extends OutputStream {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      received.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      received.write(b, off, len);
    }

    byte[] received() {
      return received.toByteArray();
    }
  }

  static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
