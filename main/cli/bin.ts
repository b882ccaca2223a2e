// The `mtr-doctor` executable (dist/cli/mtr-doctor.js): loads only the bundle the command needs, so
// `mtr-doctor evtx` starts without compiling the whole CLI.
import path from 'node:path';

const entry = process.argv[2] === 'evtx' ? 'mtr-doctor-evtx.js' : 'mtr-doctor-all.js';
// module.require: a run-time load of a sibling bundle, which the bundler must leave alone.
(module.require(path.join(__dirname, entry)) as { cli(): void }).cli();
