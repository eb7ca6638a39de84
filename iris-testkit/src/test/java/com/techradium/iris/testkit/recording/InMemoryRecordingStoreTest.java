package com.techradium.iris.testkit.recording;

import com.techradium.iris.recording.memory.InMemoryRecordingStore;
import com.techradium.iris.recording.spi.RecordingStore;
import java.time.Clock;

class InMemoryRecordingStoreTest extends RecordingStoreContract {
  @Override
  protected RecordingStore newStore(Clock clock) {
    return new InMemoryRecordingStore();
  }
}
