package com.techradium.iris.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Streams the events matching a query, oldest first, page by page (constant memory), into JSON
 * Lines or CSV. Events stored past their chain's head are left out, as queries leave them out: they
 * were not appended through the chain (see {@link ChainBreak.Kind#PAST_HEAD}) and an export must
 * not present them as genuine. Stateless and thread-safe.
 */
final class AuditExporter {
  static final int PAGE = PageRequest.MAX_LIMIT;

  private final AuditStore store;
  private final ChainVerifier chains;

  AuditExporter(AuditStore store, ChainVerifier chains) {
    this.store = store;
    this.chains = chains;
  }

  long jsonLines(AuditQuery query, Writer out) {
    try (JsonGenerator json = AuditExportFormat.jsonLines(out)) {
      long count = forEachAppended(query, record -> AuditExportFormat.writeJsonLine(json, record));
      json.flush();
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed while writing", e);
    }
  }

  long csv(AuditQuery query, Writer out) {
    try {
      AuditExportFormat.writeCsvHeader(out);
      long count = forEachAppended(query, record -> AuditExportFormat.writeCsvRow(out, record));
      out.flush();
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed while writing", e);
    }
  }

  /** Writes one exported record. */
  private interface RecordWriter {
    void write(AuditRecord record) throws IOException;
  }

  /**
   * Hands every event matching {@code query} that was appended through its chain to {@code writer},
   * oldest first, and returns how many it handed over.
   */
  private long forEachAppended(AuditQuery query, RecordWriter writer) throws IOException {
    long count = 0;
    PageRequest page = PageRequest.first(PAGE);
    while (true) {
      Page<AuditRecord> batch = store.scan(query, page);
      for (AuditRecord record : chains.appendedThroughChain(query.tenantId(), batch).items()) {
        writer.write(record);
        count++;
      }
      if (!batch.hasNext()) {
        return count;
      }
      page = page.after(batch.nextCursor());
    }
  }
}
