// Pulls the structured parts out of the token broker's error text (AAD Operational 1098/1097/1081).
// The message text is not in the .evtx file; these fields come from the EventData strings.

export interface AadText {
  aadsts: string | null;
  oauthCode: string | null;
  description: string | null;
  correlationId: string | null;
  traceId: string | null;
  timestamp: string | null;
  tokenEndpoint: string | null;
  resource: string | null;
  client: string | null;
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function first(text: string, re: RegExp): string | null {
  const m = re.exec(text);
  return m?.[1]?.trim() || null;
}

// Compiled once: this runs for every distinct error text of a log.
const CORRELATION_ID = new RegExp(`Correlation ID(?: \\(request\\))?:\\s*\\{?(${GUID})`, 'i');
const CORRELATION_ID_PLAIN = new RegExp(`CorrelationID\\W+\\{?(${GUID})`, 'i');
const TRACE_ID = new RegExp(`Trace ID:\\s*\\{?(${GUID})`, 'i');

export function parseAadText(text: string): AadText {
  return {
    aadsts: first(text, /AADSTS(\d{5,7})/),
    oauthCode: first(text, /\bCode:\s*([a-z_]+)/i),
    // Entra appends Trace ID, Correlation ID and Timestamp to the description, on its lines or the same one.
    description: first(text, /\bDescription:\s*([^\r\n]+?)(?=\s*(?:Trace ID:|Correlation ID:|Timestamp:|[\r\n]|$))/i),
    correlationId: first(text, CORRELATION_ID) ?? first(text, CORRELATION_ID_PLAIN),
    traceId: first(text, TRACE_ID),
    timestamp: first(text, /\bTimestamp:\s*([0-9][0-9-]+[ T][0-9:.]+Z?)/i),
    tokenEndpoint: first(text, /\bTokenEndpoint:\s*(\S+)/i),
    resource: first(text, /\bresource:\s*([^,\s]+)/i),
    client: first(text, /\bclient:\s*([^,\s]+)/i),
  };
}

/** Error codes arrive as UInt32 (renderers show them decimal, 3399811084) or as text: normalise to 0x%08X. */
export function normaliseHresult(value: unknown): string | null {
  let n: number | null = null;
  if (typeof value === 'number' && Number.isFinite(value)) n = value;
  else if (typeof value === 'bigint') n = Number(value & 0xffffffffn);
  else if (typeof value === 'string') {
    const hex = /0x([0-9a-f]{1,8})\b/i.exec(value);
    if (hex?.[1]) n = Number.parseInt(hex[1], 16);
    else if (/^-?\d+$/.test(value.trim())) n = Number(value.trim());
  }
  if (n === null || !Number.isFinite(n)) return null;
  const u = n < 0 ? n + 0x1_0000_0000 : n;
  if (u === 0) return null;
  return `0x${(u >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}
