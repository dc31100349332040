// Posts to Lingting's webhooks as the SMS gateway and the telephony system
// do: signed with HMAC-SHA-256 over "<timestamp>.<body>" (domain/webhook_signature.hpp).
import { createHmac } from 'node:crypto';

export async function postSigned<T>(url: string, path: string, secret: string, payload: unknown): Promise<{ status: number; body: T }> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Lingting-Timestamp': timestamp, 'X-Lingting-Signature': signature },
    body,
  });
  return { status: response.status, body: (await response.json()) as T };
}
