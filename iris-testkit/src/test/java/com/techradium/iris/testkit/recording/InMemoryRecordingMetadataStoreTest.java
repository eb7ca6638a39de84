package com.techradium.iris.testkit.recording;

import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import java.time.Clock;

class InMemoryRecordingMetadataStoreTest extends RecordingMetadataStoreContract {
  @Override
  protected RecordingMetadataStore newStore(Clock clock) {
    return new InMemoryRecordingMetadataStore();
  }
}
