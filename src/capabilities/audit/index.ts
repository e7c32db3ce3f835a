export { AUDIT_ACTIONS, type AuditAction, type AuditEvent, type NewAuditEvent } from './audit.js';
export { auditApi } from './audit-api.js';
export { listAuditEvents, recordAuditEvent } from './audit-service.js';
