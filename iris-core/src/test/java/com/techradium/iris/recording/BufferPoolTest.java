package com.techradium.iris.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.WrappedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * Recording encryptors borrow their segment buffer from a pool bounded in bytes, and give it back
 * only once the recording is sealed and its sink closed.
 */
class BufferPoolTest {
  private static final int SEGMENT = 1024;
  private static final int SEALED = SEGMENT + RecordingHeader.TAG_LENGTH;

  @Test
  void aBufferGivenBackIsTheNextOneTakenOfItsLength() {
    BufferPool pool = new BufferPool(1 << 20);
    byte[] buffer = pool.take(SEALED);

    pool.give(buffer);

    assertThat(pool.take(2 * SEALED)).isNotSameAs(buffer).hasSize(2 * SEALED);
    assertThat(pool.take(SEALED)).isSameAs(buffer);
    assertThat(pool.idleBytes()).isZero();
  }

  @Test
  void keepsAtMostItsIdleBytes() {
    BufferPool pool = new BufferPool(2 * SEALED);

    pool.give(new byte[SEALED]);
    pool.give(new byte[SEALED]);
    pool.give(new byte[SEALED]);

    assertThat(pool.idleBytes()).isEqualTo(2 * SEALED);
  }

  @Test
  void aNegativeBoundIsRefused() {
    assertThatThrownBy(() -> new BufferPool(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEncryptorGivesItsBufferBackOnceItsRecordingIsSealedAndItsSinkClosed() throws IOException {
    BufferPool pool = new BufferPool(1 << 20);
    RecordingEncryptor encryptor = encryptor(new ByteArrayOutputStream(), pool);
    encryptor.write(new byte[3 * SEGMENT + 10]);

    assertThat(pool.idleBytes()).isZero();
    encryptor.close();
    encryptor.close();

    assertThat(pool.idleBytes()).isEqualTo(SEALED);
  }

  @Test
  void anEncryptorWhoseSinkFailsAtCloseKeepsItsBuffer() throws IOException {
    BufferPool pool = new BufferPool(1 << 20);
    OutputStream failing =
        new ByteArrayOutputStream() {
          @Override
          public void close() throws IOException {
            throw new IOException("store unavailable");
          }
        };
    RecordingEncryptor encryptor = encryptor(failing, pool);
    encryptor.write(new byte[10]);

    assertThatThrownBy(encryptor::close).isInstanceOf(IOException.class);

    assertThat(pool.idleBytes()).isZero();
  }

  private static RecordingEncryptor encryptor(OutputStream sink, BufferPool buffers)
      throws IOException {
    RecordingHeader header =
        RecordingHeader.create(
            SEGMENT,
            new byte[RecordingHeader.SALT_LENGTH],
            new byte[RecordingHeader.NONCE_PREFIX_LENGTH],
            TenantId.of("acme"),
            "rec-1",
            "test",
            new WrappedKey("test:key:v1", new byte[16]));
    return new RecordingEncryptor(
        sink, header, new byte[32], new CipherPool(1), buffers, bytes -> {});
  }
}
