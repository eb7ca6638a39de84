/**
 * For store authors: the {@link com.techradium.iris.apikey.spi.ApiKeyStore} port with the records
 * it stores ({@link com.techradium.iris.apikey.spi.ApiKeyRecord}, usage), and {@link
 * com.techradium.iris.apikey.spi.ApiKeyChangeFeed}, through which nodes tell each other which
 * cached keys changed. Hosts need none of it to use {@code ApiKeyManager}.
 */
@NullMarked
package com.techradium.iris.apikey.spi;

import org.jspecify.annotations.NullMarked;
