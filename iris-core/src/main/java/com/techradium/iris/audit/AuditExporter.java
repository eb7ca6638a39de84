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
 * Lines or CSV. Stateless and thread-safe.
 */
final class AuditExporter {
  static final int PAGE = PageRequest.MAX_LIMIT;

  private final AuditStore store;

  AuditExporter(AuditStore store) {
    this.store = store;
  }

  long jsonLines(AuditQuery query, Writer out) {
    try (JsonGenerator json = AuditExportFormat.jsonLines(out)) {
      long count = 0;
      PageRequest page = PageRequest.first(PAGE);
      while (true) {
        Page<AuditRecord> batch = store.scan(query, page);
        for (AuditRecord record : batch.items()) {
          AuditExportFormat.writeJsonLine(json, record);
          count++;
        }
        if (!batch.hasNext()) {
          json.flush();
          return count;
        }
        page = page.after(batch.nextCursor());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed while writing", e);
    }
  }

  long csv(AuditQuery query, Writer out) {
    try {
      AuditExportFormat.writeCsvHeader(out);
      long count = 0;
      PageRequest page = PageRequest.first(PAGE);
      while (true) {
        Page<AuditRecord> batch = store.scan(query, page);
        for (AuditRecord record : batch.items()) {
          AuditExportFormat.writeCsvRow(out, record);
          count++;
        }
        if (!batch.hasNext()) {
          out.flush();
          return count;
        }
        page = page.after(batch.nextCursor());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed while writing", e);
    }
  }
}
