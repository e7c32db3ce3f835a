/** An integrator's endpoint and the events it wants. */
export interface WebhookTable {
  id: string;
  url: string;
  /** JSON array of event names, such as ["article.published"]. */
  events: string;
  /** Signs every delivery (HMAC-SHA256); shown to the admin once, when the webhook is created. */
  secret: string;
  description: string;
  /** The staff member's id, or the API token's id when an integration created it. */
  created_by: string | null;
  created_at: string;
  /** Set when an admin removes the webhook: nothing more is sent, its delivery log stays readable. */
  disabled_at: string | null;
}

/** One event for one webhook, and how sending it went. */
export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event: string;
  /** JSON object: the `data` of the body sent. */
  payload: string;
  /** 'pending' | 'delivered' | 'failed' */
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookTables {
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
}
