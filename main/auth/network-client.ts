// MSAL's network module (global fetch, like MSAL's own client) that also notes the error codes Entra returned.
// Why: in the device code flow MSAL reports only "post_request_failed: invalid_client" and drops the AADSTS
// number (7000218 = "allow public client flows"), which is exactly what the technician needs to be told.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface EntraErrorNote {
  /** OAuth error ("invalid_client", "authorization_pending" is never noted) or "network_error". */
  error: string;
  /** AADSTS numbers from error_codes. */
  codes: string[];
  /** error_description (no secrets: Entra puts trace/correlation ids and timestamps there). */
  description: string | null;
}

const MAX_NOTES = 64;

function errorNote(body: unknown): EntraErrorNote | null {
  if (typeof body !== 'object' || body === null || !('error' in body) || typeof body.error !== 'string') return null;
  if (body.error === 'authorization_pending') return null;
  const codes = 'error_codes' in body && Array.isArray(body.error_codes) ? body.error_codes.map(String) : [];
  const description =
    'error_description' in body && typeof body.error_description === 'string' ? body.error_description : null;
  return { error: body.error, codes, description };
}

export class ObservingNetworkClient implements INetworkModule {
  private readonly notes = new Map<string, EntraErrorNote>();

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  /** The first error Entra returned for requests made with this correlation id. */
  errorFor(correlationId: string): EntraErrorNote | undefined {
    return this.notes.get(correlationId);
  }

  forget(correlationId: string): void {
    this.notes.delete(correlationId);
  }

  /** Keeps the first error per request: later ones (MSAL polling on with a missing device code) are consequences. */
  private remember(correlationId: string | undefined, note: EntraErrorNote): void {
    if (!correlationId || this.notes.has(correlationId)) return;
    this.notes.set(correlationId, note);
    const oldest = this.notes.keys().next();
    if (this.notes.size > MAX_NOTES && !oldest.done) this.notes.delete(oldest.value);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeoutMs?: number,
  ): Promise<NetworkResponse<T>> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      const description = `${error instanceof Error ? error.message : 'request failed'}${cause}`;
      this.remember(options?.correlationId, { error: 'network_error', codes: [], description });
      // MSAL turns any non-AuthError thrown here into its network_error.
      throw new Error(`Network request to ${new URL(url).host} failed${cause}`, { cause: error });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // A proxy or captive portal answering with HTML is the usual cause.
      this.remember(options?.correlationId, {
        error: 'network_error',
        codes: [],
        description: `The sign-in service answered HTTP ${response.status} with something other than JSON (a proxy page?).`,
      });
      throw new Error(`Unexpected response from ${new URL(url).host} (HTTP ${response.status})`);
    }
    const note = errorNote(body);
    if (note) this.remember(options?.correlationId, note);
    return { headers, body: body as T, status: response.status };
  }
}
