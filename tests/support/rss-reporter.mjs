// Loaded with `node --import` into a CLI child process: writes the process's peak RSS (KiB) to the file named
// by MTR_RSS_OUT when it exits, however it exits (normal end, process.exit from a signal handler).
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.MTR_RSS_OUT) writeFileSync(process.env.MTR_RSS_OUT, String(process.resourceUsage().maxRSS));
});
