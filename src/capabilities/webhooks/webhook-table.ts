// Filled in by the webhooks work: webhooks, webhook_deliveries.
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the tables land
export interface WebhookTables {}
