/** Recording encryption throughput, beside Tink's AES-GCM-HKDF streaming AEAD. */
@NullMarked
package com.techradium.iris.benchmarks.recording;

import org.jspecify.annotations.NullMarked;
