/**
 * The PostgreSQL {@link com.techradium.iris.apikey.spi.ApiKeyStore}: {@link
 * com.techradium.iris.jdbc.apikey.JdbcApiKeyStore}.
 */
@NullMarked
package com.techradium.iris.jdbc.apikey;

import org.jspecify.annotations.NullMarked;
