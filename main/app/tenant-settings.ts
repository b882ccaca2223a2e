// The tenant connection settings (client id, tenant, cloud), kept in the app's own folder. Not secret:
// tokens live elsewhere, encrypted (auth/token-cache.ts).
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { authSettingsSchema } from '../auth/cloud';
import { writeWhole } from '../fs/write-whole';

export const tenantSettingsSchema = authSettingsSchema.pick({ clientId: true, tenant: true, cloud: true, includeAuthenticationMethods: true });
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export class SettingsStore {
  constructor(private readonly file: string) {}

  async read(): Promise<TenantSettings | null> {
    try {
      const parsed = tenantSettingsSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async write(settings: TenantSettings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeWhole(this.file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
