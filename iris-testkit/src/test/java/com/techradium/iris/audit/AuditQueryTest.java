package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private final TenantId tenant = AuditTesting.newTenant();

  @Test
  void aTargetIdWithoutItsTypeIsRefusedNamingTheType() {
    assertThatThrownBy(() -> AuditQuery.forTenant(tenant).target(null, "inv-7").build())
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("targetType")).isTrue());
  }

  @Test
  void aTargetTypeAloneOrWithItsIdIsAccepted() {
    assertThat(AuditQuery.forTenant(tenant).target("invoice", null).build().targetType())
        .isEqualTo("invoice");
    assertThat(AuditQuery.forTenant(tenant).target("invoice", "inv-7").build().targetId())
        .isEqualTo("inv-7");
  }
}
