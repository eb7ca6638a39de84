/**
 * Contract suites of the recording ports: {@link
 * com.techradium.iris.testkit.recording.RecordingStoreContract}, {@link
 * com.techradium.iris.testkit.recording.RecordingMetadataStoreContract} and {@link
 * com.techradium.iris.testkit.recording.KeyProviderContract}. An adapter's test extends one and
 * implements {@code newStore(Clock)}.
 */
@NullMarked
package com.techradium.iris.testkit.recording;

import org.jspecify.annotations.NullMarked;
