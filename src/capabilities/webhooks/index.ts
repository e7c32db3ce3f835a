export { webhookApi } from './webhook-api.js';
