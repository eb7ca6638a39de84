package com.techradium.iris.benchmarks.recording;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.KeyCachePolicy;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.RecordingEncryptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encrypting and decrypting an 8 MiB recording in 64 KiB segments with IRIS's {@link
 * RecordingCipher}, beside Tink's AES-GCM-HKDF streaming AEAD ({@code AesGcmHkdfStreaming}, 32-byte
 * HKDF-SHA256 derived keys) in the same run, both sealing 64 KiB of plaintext per segment (Tink's
 * ciphertext segments are that plus its tag, as IRIS's are), also with the CRC32C of its output
 * that {@code RecordingVault} takes of every recording on its way into the store; the set-up of an
 * empty recording on both sides (key derivation, cipher, buffers, header, the one empty segment); a
 * random 1 KiB range read of a 64 MiB recording; and streaming 1 GiB through the encryptor (with
 * {@code -prof gc}: bytes allocated per GiB, which stays at a few segments' worth of buffers and
 * JCE scratch). Throughput is operations per second; multiply by 8 MiB for bytes per second. {@link
 * RecordingCipherCpuTime} runs the same methods timed in thread CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordingCipherBenchmark {
  static final int SIZE = 8 * 1024 * 1024;
  static final int SEGMENT = 64 * 1024;
  static final int TAG = 16;
  static final int LARGE = 64 * 1024 * 1024;
  private static final TenantId TENANT = TenantId.of("bench");
  private static final byte[] AAD = "bench/rec-1".getBytes(StandardCharsets.US_ASCII);

  private RecordingCipher iris;
  private AesGcmHkdfStreaming tink;
  private byte[] plaintext;
  private byte[] irisCiphertext;
  private byte[] tinkCiphertext;
  private byte[] largeCiphertext;
  private final byte[] chunk = new byte[SEGMENT];
  private Cipher floorCipher;
  private SecretKeySpec floorKey;
  private final byte[] floorNonce = new byte[12];
  private final byte[] floorBuffer = new byte[SEGMENT + TAG];
  private long floorStream;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException {
    iris =
        RecordingCipher.builder()
            .keyProvider(LocalKeyProvider.ephemeral())
            .keyCache(new KeyCachePolicy(Duration.ofHours(1), Long.MAX_VALUE, Long.MAX_VALUE))
            .build();
    byte[] ikm = new byte[32];
    new SecureRandom().nextBytes(ikm);
    tink = new AesGcmHkdfStreaming(ikm, "HmacSha256", 32, SEGMENT + TAG, 0);
    plaintext = new byte[SIZE];
    new SecureRandom().nextBytes(plaintext);
    irisCiphertext = irisEncrypt(plaintext, "rec-1");
    tinkCiphertext = tinkEncryptBytes(plaintext);
    byte[] large = new byte[LARGE];
    new SecureRandom().nextBytes(large);
    largeCiphertext = irisEncrypt(large, "rec-large");
    new SecureRandom().nextBytes(chunk);
    floorCipher = Cipher.getInstance("AES/GCM/NoPadding");
    floorKey = new SecretKeySpec(ikm, "AES");
  }

  private byte[] irisEncrypt(byte[] data, String id) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 1000 + 512);
    try (RecordingEncryptor encryptor = iris.encrypt(TENANT, id, out)) {
      encryptor.write(data);
    }
    return out.toByteArray();
  }

  private byte[] tinkEncryptBytes(byte[] data) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 1000 + 512);
    try (OutputStream encryptor = tink.newEncryptingStream(out, AAD)) {
      encryptor.write(data);
    }
    return out.toByteArray();
  }

  /** Counts what it is given and keeps nothing. */
  static final class Discard extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  @Benchmark
  public long irisEncrypt() throws IOException {
    Discard sink = new Discard();
    try (RecordingEncryptor encryptor = iris.encrypt(TENANT, "rec-1", sink)) {
      encryptor.write(plaintext);
    }
    return sink.bytes;
  }

  @Benchmark
  public long tinkEncrypt() throws IOException, GeneralSecurityException {
    Discard sink = new Discard();
    try (OutputStream encryptor = tink.newEncryptingStream(sink, AAD)) {
      encryptor.write(plaintext);
    }
    return sink.bytes;
  }

  /**
   * The floor under both libraries: the JDK's AES-256-GCM alone sealing the same 8 MiB as 128
   * segments of 64 KiB, one {@code Cipher.init} and {@code doFinal} each into one reused buffer,
   * with no stream, header, key derivation or allocation around it (the nonce carries an operation
   * counter, so none repeats under the fixed key).
   */
  @Benchmark
  public long jdkGcmSegments() throws GeneralSecurityException {
    long stream = floorStream++;
    for (int i = 0; i < 7; i++) {
      floorNonce[i] = (byte) (stream >>> (8 * i));
    }
    long sealed = 0;
    for (int index = 0; index < SIZE / SEGMENT; index++) {
      floorNonce[9] = (byte) (index >>> 8);
      floorNonce[10] = (byte) index;
      floorNonce[11] = (byte) (index == SIZE / SEGMENT - 1 ? 1 : 0);
      floorCipher.init(Cipher.ENCRYPT_MODE, floorKey, new GCMParameterSpec(TAG * 8, floorNonce));
      sealed += floorCipher.doFinal(plaintext, index * SEGMENT, SEGMENT, floorBuffer, 0);
    }
    return sealed;
  }

  /** The set-up and sealing of an empty recording: what IRIS does per recording. */
  @Benchmark
  public long irisEncryptEmpty() throws IOException {
    Discard sink = new Discard();
    try (RecordingEncryptor encryptor = iris.encrypt(TENANT, "rec-1", sink)) {
      encryptor.flush();
    }
    return sink.bytes;
  }

  /** The set-up and sealing of an empty stream: what Tink does per stream. */
  @Benchmark
  public long tinkEncryptEmpty() throws IOException, GeneralSecurityException {
    Discard sink = new Discard();
    try (OutputStream encryptor = tink.newEncryptingStream(sink, AAD)) {
      encryptor.flush();
    }
    return sink.bytes;
  }

  /**
   * Tink plus the CRC32C of what it wrote: the stored-bytes checksum that {@code RecordingVault}
   * takes on the way into the store (and the metadata keeps), outside the cipher, which a host
   * storing Tink's output with the same checksum computes on top.
   */
  @Benchmark
  public long tinkEncryptWithCrc32c() throws IOException, GeneralSecurityException {
    Discard sink = new Discard();
    CheckedOutputStream checked = new CheckedOutputStream(sink, new CRC32C());
    try (OutputStream encryptor = tink.newEncryptingStream(checked, AAD)) {
      encryptor.write(plaintext);
    }
    return sink.bytes + checked.getChecksum().getValue();
  }

  @Benchmark
  public long irisDecrypt() throws IOException {
    Discard sink = new Discard();
    return iris.decrypt(TENANT, "rec-1", new ByteArrayInputStream(irisCiphertext), sink);
  }

  @Benchmark
  public long tinkDecrypt() throws IOException, GeneralSecurityException {
    byte[] buffer = new byte[SEGMENT];
    long total = 0;
    try (InputStream in = tink.newDecryptingStream(new ByteArrayInputStream(tinkCiphertext), AAD)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    }
    return total;
  }

  /** One random 1 KiB range of a 64 MiB recording: the header and at most two segments. */
  @Benchmark
  public long irisRandomRange1KiB() throws IOException {
    long offset = ThreadLocalRandom.current().nextLong(LARGE - 1024);
    Discard sink = new Discard();
    iris.decryptRange(
        TENANT,
        "rec-large",
        (from, length) ->
            new ByteArrayInputStream(
                largeCiphertext, (int) from, (int) Math.min(length, largeCiphertext.length - from)),
        largeCiphertext.length,
        offset,
        1024,
        sink);
    return sink.bytes;
  }

  /** Streams 1 GiB through the encryptor in 64 KiB writes; run with {@code -prof gc}. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long irisEncryptOneGiB() throws IOException {
    Discard sink = new Discard();
    try (RecordingEncryptor encryptor = iris.encrypt(TENANT, "rec-gib", sink)) {
      for (int i = 0; i < 1024 * 1024 * 1024 / SEGMENT; i++) {
        encryptor.write(chunk);
      }
    }
    return sink.bytes;
  }
}
