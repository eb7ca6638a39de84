package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.file.FileRecordingStore;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRecordingStoreTest extends RecordingStoreContract {
  @TempDir static Path root;

  @Override
  protected RecordingStore newStore(Clock clock) {
    return FileRecordingStore.at(root);
  }

  @Test
  void idsThatAreNotPlainNamesCannotEscapeTheTenantsDirectory() throws IOException {
    TenantId tenant = newTenant();
    put(store(), tenant, "../../etc/passwd", bytes(10, 1));

    try (Stream<Path> files = Files.list(root.resolve(tenant.value()))) {
      assertThat(files).hasSize(1).allMatch(p -> p.getFileName().toString().startsWith("x"));
    }
    assertThat(read(store(), tenant, "../../etc/passwd", 0, 100)).isEqualTo(bytes(10, 1));
  }

  @Test
  void anAbortedUploadLeavesNoPartFile() throws IOException {
    TenantId tenant = newTenant();
    RecordingUpload upload = store().create(tenant, "r1");
    upload.write(bytes(100, 2));
    upload.abort();

    try (Stream<Path> files = Files.list(root.resolve(tenant.value()))) {
      assertThat(files).isEmpty();
    }
  }
}
