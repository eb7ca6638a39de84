/**
 * The plumbing of every Redis store: running commands and scripts with failures translated in one
 * place, and tenant-tagged keys. Not part of the API.
 */
@NullMarked
package com.techradium.iris.redis.internal;

import org.jspecify.annotations.NullMarked;
