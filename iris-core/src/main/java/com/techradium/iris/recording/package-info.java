/**
 * Encrypted call recordings: {@link com.techradium.iris.recording.RecordingCipher}, streaming and
 * seekable AES-256-GCM envelope encryption with per-tenant keys (format in
 * docs/RECORDING_FORMAT.md), and {@link com.techradium.iris.recording.RecordingVault}, which
 * stores, lists, serves (whole or a byte range) and key-rotates recordings and reports every access
 * to the audit log. The key provider, object store and metadata store ports are in {@code spi}.
 */
@NullMarked
package com.techradium.iris.recording;

import org.jspecify.annotations.NullMarked;
