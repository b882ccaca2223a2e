// The only places MTR Doctor sends the technician's browser: Microsoft's documentation and admin portals,
// over https. Anything else (file:, javascript:, lookalike hosts) is refused.

export const EXTERNAL_HOSTS: readonly string[] = [
  'learn.microsoft.com',
  'portal.rooms.microsoft.com',
  'admin.teams.microsoft.com',
  'admin.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'aka.ms',
];

export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return hosts.includes(url.hostname.toLowerCase());
}

/** Wraps the system's URL opener so nothing outside the allowlist reaches it. */
export function createExternalOpener(
  open: (url: string) => Promise<void>,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!isAllowedExternalUrl(url, hosts)) return false;
    await open(url);
    return true;
  };
}
