/**
 * The contract every {@link com.techradium.iris.apikey.spi.ApiKeyStore} passes: extend {@link
 * com.techradium.iris.testkit.apikey.ApiKeyStoreContract} and implement {@code newStore(Clock)}.
 */
@NullMarked
package com.techradium.iris.testkit.apikey;

import org.jspecify.annotations.NullMarked;
