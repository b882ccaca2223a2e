// The `network:test` request as main validates it: the renderer is untrusted, so only the known clouds, the
// two proxy modes or an http:// proxy URL, and a job id get through.
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../main/ipc/request-schemas';

const schema = requestSchemas['network:test'];

describe('network:test request', () => {
  it('accepts the system proxy, no proxy, or an http:// proxy URL', () => {
    for (const proxy of ['system', 'none', 'http://10.0.0.1:8080']) {
      expect(schema.safeParse({ jobId: 'job-1', cloud: 'usgov', proxy }).success, proxy).toBe(true);
    }
  });

  it('refuses other proxies, unknown clouds, extra fields and bad job ids', () => {
    expect(schema.safeParse({ jobId: 'job-1', cloud: 'global', proxy: 'socks5://10.0.0.1:1080' }).success).toBe(false);
    expect(schema.safeParse({ jobId: 'job-1', cloud: 'global', proxy: 'https://proxy' }).success).toBe(false);
    expect(schema.safeParse({ jobId: 'job-1', cloud: 'mars', proxy: 'system' }).success).toBe(false);
    expect(schema.safeParse({ jobId: 'job-1', cloud: 'global', proxy: 'system', endpoints: [] }).success).toBe(false);
    expect(schema.safeParse({ jobId: '../x', cloud: 'global', proxy: 'system' }).success).toBe(false);
  });
});
