import type { MtrApi } from '../../main/ipc/contract';

declare global {
  interface Window {
    mtr: MtrApi;
  }
}
