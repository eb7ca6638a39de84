/** JMH benchmarks of the audit log: append, verify and export, in memory and on PostgreSQL. */
@NullMarked
package com.techradium.iris.benchmarks.audit;

import org.jspecify.annotations.NullMarked;
