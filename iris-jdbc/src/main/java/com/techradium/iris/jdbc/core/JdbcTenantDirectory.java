package com.techradium.iris.jdbc.core;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_TENANTS;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TenantInfo;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.spi.Cursors;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisTenantsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * A {@link TenantDirectory} on PostgreSQL table {@code iris_tenants} (migration V1): only
 * registered tenants exist. Thread-safe; concurrent registrations of one tenant from any number of
 * nodes end with one row. Run {@link com.techradium.iris.jdbc.JdbcIris#migrate} first.
 */
public final class JdbcTenantDirectory implements TenantDirectory {
  private final JdbcContext db;

  private JdbcTenantDirectory(JdbcContext db) {
    this.db = db;
  }

  /**
   * A directory over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate}
   * on it first.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the directory, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcTenantDirectory of(DataSource dataSource) {
    return new JdbcTenantDirectory(
        JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public TenantInfo register(TenantId id, String displayName, Instant now) {
    TenantInfo candidate = new TenantInfo(id, displayName, now);
    TenantInfo stored =
        db.call(
            "register tenant",
            dsl -> {
              dsl.insertInto(IRIS_TENANTS)
                  .set(IRIS_TENANTS.TENANT_ID, id.value())
                  .set(IRIS_TENANTS.DISPLAY_NAME, displayName)
                  .set(IRIS_TENANTS.REGISTERED_AT, now)
                  .onConflictDoNothing()
                  .execute();
              return toInfo(
                  dsl.selectFrom(IRIS_TENANTS)
                      .where(IRIS_TENANTS.TENANT_ID.eq(id.value()))
                      .fetchSingle());
            });
    return stored.registeredAgainAs(displayName);
  }

  @Override
  public boolean exists(TenantId id) {
    Objects.requireNonNull(id, "id");
    return db.call(
        "check tenant",
        dsl -> dsl.fetchExists(IRIS_TENANTS, IRIS_TENANTS.TENANT_ID.eq(id.value())));
  }

  @Override
  public Optional<TenantInfo> find(TenantId id) {
    Objects.requireNonNull(id, "id");
    return db.call(
        "find tenant",
        dsl ->
            dsl.selectFrom(IRIS_TENANTS)
                .where(IRIS_TENANTS.TENANT_ID.eq(id.value()))
                .fetchOptional()
                .map(JdbcTenantDirectory::toInfo));
  }

  @Override
  public Page<TenantInfo> list(PageRequest request) {
    Objects.requireNonNull(request, "request");
    Condition after =
        request.cursor() == null
            ? DSL.noCondition()
            : IRIS_TENANTS.TENANT_ID.gt(Cursors.decode(request.cursor(), 1).get(0));
    List<TenantInfo> fetched =
        db.call(
            "list tenants",
            dsl ->
                dsl.selectFrom(IRIS_TENANTS)
                    .where(after)
                    .orderBy(IRIS_TENANTS.TENANT_ID)
                    .limit(request.limit() + 1)
                    .fetch(JdbcTenantDirectory::toInfo));
    return Page.fromOverfetch(fetched, request.limit(), info -> Cursors.encode(info.id().value()));
  }

  private static TenantInfo toInfo(IrisTenantsRecord row) {
    try {
      return new TenantInfo(
          TenantId.of(row.getTenantId()), row.getDisplayName(), row.getRegisteredAt());
    } catch (ValidationException e) {
      throw new IllegalStateException("invalid row in iris_tenants: " + row.getTenantId(), e);
    }
  }
}
