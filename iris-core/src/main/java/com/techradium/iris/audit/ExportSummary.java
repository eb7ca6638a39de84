package com.techradium.iris.audit;

/**
 * What an export wrote.
 *
 * @param events events written
 * @param accessEvent the data-access event that recorded the export
 */
public record ExportSummary(long events, AuditRecord accessEvent) {}
