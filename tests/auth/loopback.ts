// Whether a TCP port on 127.0.0.1 is free again (the loopback server MSAL opened has gone).
import { createServer } from 'node:net';

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function loopbackPort(authorizeUrl: string): number {
  const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri');
  if (!redirect) throw new Error('authorize URL without redirect_uri');
  return Number(new URL(redirect).port);
}
