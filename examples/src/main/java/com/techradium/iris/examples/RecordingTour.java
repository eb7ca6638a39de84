package com.techradium.iris.examples;

import com.techradium.iris.IrisStorage;
import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.DataCategory;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.ByteRange;
import com.techradium.iris.recording.KeyRotation;
import com.techradium.iris.recording.KeyUnavailableException;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.file.FileRecordingStore;
import com.techradium.iris.recording.spi.RecordingStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The recording vault: a call recording encrypted as it is stored, a player's byte-range request,
 * the audit trail of every listen, key rotation without re-encrypting, tamper detection and
 * crypto-shredding.
 */
final class RecordingTour {
  private static final TenantId TENANT = TenantId.of("acme-calls");
  private static final LocalKeyProvider KEYS = LocalKeyProvider.create();

  private RecordingTour() {}

  /** The demo's key provider: the host supplies each tenant's versioned master keys. */
  static LocalKeyProvider keys() {
    KEYS.addMasterKey(TENANT, 1, masterKey());
    return KEYS;
  }

  /** The storage, with recordings in files when the storage has no recording store. */
  static IrisStorage withRecordingStore(IrisStorage storage) {
    if (storage.find(RecordingStore.class).isPresent()) {
      return storage;
    }
    try {
      return storage.with(
          RecordingStore.class,
          FileRecordingStore.at(Files.createTempDirectory("iris-demo-recordings")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] masterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  static void run(PrintStream out, RecordingVault vault, AuditLog audit) {
    try {
      tour(out, vault, audit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void tour(PrintStream out, RecordingVault vault, AuditLog audit)
      throws IOException {
    out.println("== RecordingVault");
    byte[] audio = new byte[300_000];
    new SecureRandom().nextBytes(audio);
    Recording recording =
        vault.store(
            TENANT,
            new NewRecording("call-8841", "audio/wav", Duration.ofSeconds(19)),
            new ByteArrayInputStream(audio));
    out.println(
        "stored "
            + recording.sizeBytes()
            + " bytes of audio as "
            + recording.storedBytes()
            + " encrypted bytes under "
            + recording.key().keyId());

    ByteArrayOutputStream player = new ByteArrayOutputStream();
    ByteRange served =
        vault.stream(
            TENANT,
            recording.id(),
            ByteRange.inclusive(131_072, 132_095),
            RecordingAccess.user("supervisor-9", "quality-review"),
            player);
    out.println(
        "player asked for bytes 131072-132095: got "
            + player.size()
            + " bytes, range "
            + served.offset()
            + "+"
            + served.length());
    audit.flush();
    long audited =
        audit
            .sensitiveAccess(
                TENANT,
                DataCategory.PII,
                null,
                PageRequest.first(),
                Accessor.user("compliance", "demo"))
            .items()
            .size();
    out.println("audit log holds " + audited + " data-access event for the listen");

    KEYS.addMasterKey(TENANT, 2, masterKey());
    KeyRotation rotation = vault.rotateAllKeys(TENANT);
    out.println(
        "rotated to "
            + vault.cipher().currentKeyId(TENANT)
            + ": "
            + rotation.rewrapped()
            + " recording re-wrapped, audio untouched");

    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    vault.stream(TENANT, recording.id(), RecordingAccess.user("supervisor-9", "check"), whole);
    out.println("after rotation the recording still plays: " + (whole.size() == audio.length));

    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    try (var encryptor = vault.cipher().encrypt(TENANT, "clip-1", sealed)) {
      encryptor.write(audio, 0, 70_000);
    }
    byte[] stored = sealed.toByteArray();
    stored[stored.length / 2] ^= 1;
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    try {
      vault.cipher().decrypt(TENANT, "clip-1", new ByteArrayInputStream(stored), released);
    } catch (TamperedDataException e) {
      out.println(
          "one flipped bit: TamperedDataException, only "
              + released.size()
              + " authenticated bytes released");
    }

    KEYS.destroyMasterKeys(TENANT);
    vault.cipher().evictKeys(TENANT);
    try {
      vault.stream(
          TENANT,
          recording.id(),
          RecordingAccess.user("supervisor-9", "check"),
          new ByteArrayOutputStream());
    } catch (KeyUnavailableException e) {
      out.println("after destroying the tenant's master keys: unreadable (crypto-shredded)");
    }
  }
}
